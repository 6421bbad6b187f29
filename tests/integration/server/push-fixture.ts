import { expect } from 'vitest';
import type { Mutation, PushRequest } from '#shared/wire/push';
import { PushResponse } from '#shared/wire/push';
import type { ServerFixture } from './server-fixture.ts';

export type Patch = Extract<Mutation, { type: 'connection.put' }>['patch'];

/** A connection.put mutation; pass the fields the write changes. */
export function put(mutationId: number, personId: string, patch: Patch): Mutation {
  return { type: 'connection.put', mutationId, personId, patch };
}

export function remove(mutationId: number, personId: string): Mutation {
  return { type: 'connection.delete', mutationId, personId };
}

/** POST /v1/sync/push, expecting 200; returns the parsed results. */
export async function push(server: ServerFixture, token: string, request: PushRequest) {
  const response = await server.post('/v1/sync/push', request, token);
  expect(response.status).toBe(200);
  return PushResponse.parse(await response.json()).results;
}
