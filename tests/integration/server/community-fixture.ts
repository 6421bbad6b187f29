import { randomUUID } from 'node:crypto';
import type { CommunityFields } from '#shared/domain/community';
import type { Mutation, MutationResult } from '#shared/wire/push';
import { issueToken } from '#server/server';
import { push } from './push-fixture.ts';
import type { ServerFixture } from './server-fixture.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A mutation without its id: the Pusher numbers them. */
export type MutationInput = DistributiveOmit<Mutation, 'mutationId'>;

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

export const newId = () => randomUUID();

export function fields(overrides: Partial<CommunityFields> = {}): CommunityFields {
  return {
    name: 'Kubernetes Lyon',
    kind: 'community_of_practice',
    purpose: 'Share what works when running Kubernetes',
    objectives: ['Monthly meetup'],
    visibility: 'open',
    ...overrides,
  };
}

export const propose = (communityId: string, overrides: Partial<CommunityFields> = {}): MutationInput => ({
  type: 'community.propose',
  communityId,
  fields: fields(overrides),
});

/** A post.create with sensible fields for its kind; override any. */
export function createPost(
  communityId: string,
  kind: Extract<MutationInput, { type: 'post.create' }>['kind'],
  overrides: Partial<Extract<MutationInput, { type: 'post.create' }>> = {},
): MutationInput {
  const titled = kind === 'question' || kind === 'event' || kind === 'job_opening';
  return {
    type: 'post.create',
    postId: newId(),
    communityId,
    kind,
    parentId: null,
    title: titled ? `A ${kind}` : null,
    body: `Some ${kind} text`,
    event: kind === 'event' ? { startsAt: 1_900_000_000_000, place: 'Lyon, room 4' } : null,
    ...overrides,
  };
}
