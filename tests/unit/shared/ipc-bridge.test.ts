import { describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeTransport } from '#shared/ipc/bridge';
import { ipcChannels, ipcEventNames } from '#shared/ipc/channels';
import { ipcMethods } from '#shared/ipc/contract';
import type { IpcResult } from '#shared/ipc/result';

function fakeTransport() {
  const unsubscribe = vi.fn();
  const transport = {
    call: vi.fn<BridgeTransport['call']>(),
    subscribe: vi.fn<BridgeTransport['subscribe']>(() => unsubscribe),
  };
  return { transport, unsubscribe };
}

describe('createBridge', () => {
  it('has one function per method of the contract, calling its channel', async () => {
    const { transport } = fakeTransport();
    transport.call.mockImplementation(async (channel) => ({ ok: true, value: channel }));
    const api = createBridge(transport) as unknown as Record<
      string,
      Record<string, (input?: unknown) => unknown>
    >;
    expect(ipcMethods.length).toBeGreaterThan(0);
    for (const { area, method, channel } of ipcMethods) {
      expect(await api[area]![method]!({ probe: channel })).toEqual({ ok: true, value: channel });
      expect(transport.call).toHaveBeenLastCalledWith(channel, { probe: channel });
    }
    expect(Object.keys(api).sort()).toEqual([...Object.keys(ipcChannels), 'on'].sort());
  });

  it('hands the page the IpcResult as it is', async () => {
    const { transport } = fakeTransport();
    const refusal: IpcResult = { ok: false, error: { code: 'forbidden', message: 'no' } };
    transport.call.mockResolvedValue(refusal);
    expect(await createBridge(transport).sync.getStatus()).toBe(refusal);
  });

  it('subscribes to every listed event and returns the unsubscribe', () => {
    const { transport, unsubscribe } = fakeTransport();
    const api = createBridge(transport);
    for (const event of ipcEventNames) {
      const listener = vi.fn();
      expect(api.on(event, listener)).toBe(unsubscribe);
      expect(transport.subscribe).toHaveBeenLastCalledWith(event, listener);
    }
  });

  it('refuses an event the contract does not list, and a listener that is not a function', () => {
    const { transport } = fakeTransport();
    const api = createBridge(transport) as unknown as { on(event: unknown, listener: unknown): unknown };
    expect(() => api.on('ipc:internal', () => {})).toThrow('Unknown event: ipc:internal');
    expect(() => api.on('sync.status', 'not a function')).toThrow('The listener must be a function');
    expect(transport.subscribe).not.toHaveBeenCalled();
  });
});
