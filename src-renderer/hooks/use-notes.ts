import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Note, NoteFields, NoteSearchQuery, SaveNoteInput } from '#shared/domain/note';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** Notes are local-first: `notes.changed` keeps every query here current (see use-core-events). */
export function usePersonNotes(personId: string) {
  return useQuery({
    queryKey: queryKeys.notesForPerson(personId),
    queryFn: () => getApi().notes.listForPerson({ personId }),
  });
}

export function useNoteSearch(query: NoteSearchQuery) {
  return useQuery({
    queryKey: queryKeys.noteSearch(query),
    queryFn: () => getApi().notes.search(query),
    placeholderData: (previous) => previous,
  });
}

export function useNoteTags() {
  return useQuery({ queryKey: queryKeys.noteTags, queryFn: () => getApi().notes.listTags() });
}

export function useFollowUps() {
  return useQuery({ queryKey: queryKeys.followUps, queryFn: () => getApi().followUps.list() });
}

export function useSaveNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveNoteInput) => getApi().notes.save(input),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes });
      // A logged interaction moves the connection's last interaction forward.
      if (note.interaction) void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    },
    meta: { inline: true },
  });
}

/** A conflict copy kept as a note of its own. */
export function useDismissConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => getApi().notes.dismissConflict({ id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notes }),
    meta: { inline: true },
  });
}

export interface ResolveConflictInput {
  original: Note;
  copy: Note;
  /** What the original becomes; absent: it stays as it is and only the copy goes. */
  fields?: NoteFields;
}

/**
 * Settles a conflict: the original takes `fields` (the copy's version, or a merge), then the copy is
 * deleted. Saving first means a failure half-way leaves both texts, never neither.
 */
export function useResolveConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ original, copy, fields }: ResolveConflictInput) => {
      if (fields) await getApi().notes.save({ ...fields, id: original.id });
      await getApi().notes.delete({ id: copy.id });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes });
      void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    },
    meta: { inline: true },
  });
}

export function useDeleteNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => getApi().notes.delete({ id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notes }),
    meta: { inline: true },
  });
}
