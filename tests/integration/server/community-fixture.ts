import type { Mutation, MutationResult } from '#shared/wire/push';
import { issueToken } from '#server/server';
import type { MutationInput } from '../../support/communities.ts';
import { push } from '../../support/push-fixture.ts';
import type { ServerFixture } from './server-fixture.ts';

/** One signed-in person on one client: pushes mutations numbered in order. */
export interface Pusher {
  personId: string;
  token: string;
  send(...mutations: MutationInput[]): Promise<MutationResult[]>;
  /** Sends one mutation; returns 'applied' or the rejection's reason. */
  one(mutation: MutationInput): Promise<string>;
}

let clientSerial = 0;

export async function signIn(server: ServerFixture, personId: string): Promise<Pusher> {
  const token = await issueToken(server.db, personId);
  const clientId = `community-${String(++clientSerial).padStart(6, '0')}`;
  let next = 1;
  const send = (...mutations: MutationInput[]) =>
    push(server, token, {
      clientId,
      mutations: mutations.map((m) => ({ ...m, mutationId: next++ }) as Mutation),
    });
  return {
    personId,
    token,
    send,
    async one(mutation) {
      const [result] = await send(mutation);
      return result?.status === 'rejected' ? (result.reason ?? 'rejected') : (result?.status ?? 'none');
    },
  };
}
