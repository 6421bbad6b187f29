import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOnlineWatch } from '#core/desktop/online-watch';

const INTERVAL = 1000;

describe('createOnlineWatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setUp(initiallyOnline: boolean) {
    const state = { online: initiallyOnline };
    const onBackOnline = vi.fn();
    const watch = createOnlineWatch({ isOnline: () => state.online, onBackOnline, intervalMs: INTERVAL });
    return { state, onBackOnline, watch };
  }

  it('reports an offline → online transition at the next poll', () => {
    const { state, onBackOnline, watch } = setUp(false);
    watch.start();
    vi.advanceTimersByTime(INTERVAL);
    expect(onBackOnline).not.toHaveBeenCalled();

    state.online = true;
    vi.advanceTimersByTime(INTERVAL);
    expect(onBackOnline).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it('does not report at start, nor while the network stays up', () => {
    const { onBackOnline, watch } = setUp(true);
    watch.start();
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(onBackOnline).not.toHaveBeenCalled();
    watch.stop();
  });

  it('reports each reconnect once, however long it stays up', () => {
    const { state, onBackOnline, watch } = setUp(true);
    watch.start();
    for (const online of [false, true, true, false, false, true, true]) {
      state.online = online;
      vi.advanceTimersByTime(INTERVAL);
    }
    expect(onBackOnline).toHaveBeenCalledTimes(2);
    watch.stop();
  });

  it('misses an outage shorter than one interval (the pull then waits for sync’s own schedule)', () => {
    const { state, onBackOnline, watch } = setUp(true);
    watch.start();
    state.online = false;
    vi.advanceTimersByTime(INTERVAL / 2);
    state.online = true;
    vi.advanceTimersByTime(INTERVAL);
    expect(onBackOnline).not.toHaveBeenCalled();
    watch.stop();
  });

  it('stops polling when stopped, and a second start does not double the timer', () => {
    const isOnline = vi.fn(() => true);
    const watch = createOnlineWatch({ isOnline, onBackOnline: () => {}, intervalMs: INTERVAL });
    watch.start();
    watch.start();
    vi.advanceTimersByTime(3 * INTERVAL);
    expect(isOnline).toHaveBeenCalledTimes(1 + 3); // the start's reading, then one per interval
    watch.stop();
    vi.advanceTimersByTime(3 * INTERVAL);
    expect(isOnline).toHaveBeenCalledTimes(4);
  });
});
