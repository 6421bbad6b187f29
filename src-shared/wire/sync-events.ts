import { z } from 'zod';
import { Cursor } from './sync.ts';

/**
 * GET /v1/sync/events: a server-sent-events stream telling a signed-in client that its view changed, so it
 * pulls now instead of at its next interval. Each `changed` event's data is the server's cursor after the
 * change (a pull from the client's own cursor brings it); comment lines are heartbeats.
 */
export const SYNC_EVENTS_PATH = '/v1/sync/events';
export const SYNC_EVENTS_CONTENT_TYPE = 'text/event-stream';
export const SYNC_EVENT_CHANGED = 'changed';
/** The `retry:` the stream announces: how long an EventSource-like client waits before reconnecting. */
export const SYNC_EVENTS_RETRY_MS = 5_000;
/** The data of a `changed` event, as text. */
export const SyncChangedData = z.coerce.number().pipe(Cursor);
