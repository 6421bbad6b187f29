import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerClient, ServerError } from '#core/sync/server-client';

afterEach(() => {
  vi.useRealTimers();
});

/** Drains the snapshot stream, returning what it threw. */
async function bootstrapFailure(fetch: typeof globalThis.fetch) {
  const client = createServerClient({ serverUrl: 'http://127.0.0.1:9', fetch, timeoutMs: 60_000 });
  try {
    for await (const _line of client.bootstrap({})) {
      // the fakes below never send a line
    }
  } catch (err) {
    return err;
  }
  throw new Error('the snapshot did not fail');
}

describe('createServerClient bootstrap', () => {
  it.each([
    ['answers 500', async () => Response.json({ error: { message: 'boom' } }, { status: 500 })],
    [
      'cannot be reached',
      async () => {
        throw new TypeError('fetch failed');
      },
    ],
    ['answers without a body', async () => new Response(null, { status: 200 })],
  ])('clears its idle timer when the request %s', async (_name, reply) => {
    vi.useFakeTimers();
    const err = await bootstrapFailure(vi.fn(reply) as typeof globalThis.fetch);
    expect(err).toBeInstanceOf(ServerError);
    // A timer left armed would hold the process open and abort nothing, up to the timeout later.
    expect(vi.getTimerCount()).toBe(0);
  });
});
