import type { Kysely } from 'kysely';
import type { Mutation, MutationResult } from '#shared/wire/push';
import type { ServerDb } from '../db/schema.ts';
import { findNoteStates, writeNotes, type NoteState, type NoteWrite } from '../repos/notes.repo.ts';

export type NoteMutation = Extract<Mutation, { type: 'note.put' | 'note.delete' }>;

export const isNoteMutation = (m: Mutation): m is NoteMutation =>
  m.type === 'note.put' || m.type === 'note.delete';

export const EDITED_ELSEWHERE = 'Edited on another device since this edit began';
export const DELETED_ELSEWHERE = 'Deleted on another device since this edit began';

/**
 * Decides an owner's note mutations, in order, against the stored states (the conflict rule in
 * wire/push.ts); a later mutation of the same note sees what an earlier one made of it. Returns each
 * mutation's result and the notes' final states to write: one per note that changed.
 */
export function decideNoteMutations(
  stored: ReadonlyMap<string, NoteState>,
  clientId: string,
  mutations: readonly NoteMutation[],
): { results: MutationResult[]; writes: NoteWrite[] } {
  const current = new Map(stored);
  const writes = new Map<string, NoteWrite>();
  const results = mutations.map(({ mutationId, ...mutation }): MutationResult => {
    const note = current.get(mutation.noteId);
    // The base is still current, or the current revision is this client's own earlier (queued) write.
    const sequential = !!note && (note.rev === mutation.baseRev || note.writerClientId === clientId);
    if (mutation.type === 'note.delete') {
      // Deleting what isn't there (never was, or already deleted) changes nothing.
      if (!note || note.deleted) return { mutationId, status: 'applied' };
      if (!sequential) return { mutationId, status: 'conflict', reason: EDITED_ELSEWHERE };
      write(mutation.noteId, note.rev + 1, null);
      return { mutationId, status: 'applied' };
    }
    if (note?.deleted && note.rev !== mutation.baseRev) {
      return { mutationId, status: 'conflict', reason: DELETED_ELSEWHERE };
    }
    if (note && !note.deleted && !sequential) {
      return { mutationId, status: 'conflict', reason: EDITED_ELSEWHERE };
    }
    write(mutation.noteId, (note?.rev ?? 0) + 1, mutation.ciphertext);
    return { mutationId, status: 'applied' };
  });

  function write(id: string, rev: number, ciphertext: string | null) {
    current.set(id, { rev, writerClientId: clientId, deleted: ciphertext === null });
    writes.set(id, { id, rev, ciphertext, writerClientId: clientId });
  }
  return { results, writes: [...writes.values()] };
}

/** Applies an owner's note mutations in the caller's transaction: one read, then one batched write. */
export async function applyNoteMutations(
  trx: Kysely<ServerDb>,
  ownerId: string,
  clientId: string,
  mutations: readonly NoteMutation[],
  now: number,
): Promise<MutationResult[]> {
  if (mutations.length === 0) return [];
  const stored = await findNoteStates(
    trx,
    ownerId,
    mutations.map((m) => m.noteId),
  );
  const { results, writes } = decideNoteMutations(stored, clientId, mutations);
  await writeNotes(trx, ownerId, writes, now);
  return results;
}
