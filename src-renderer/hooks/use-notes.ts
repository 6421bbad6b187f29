import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoteSearchQuery, SaveNoteInput } from '#shared/domain/note';
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
  return useQuery({ queryKey: queryKeys.followUps, queryFn: () => getApi().notes.listFollowUps() });
}

export function useSaveNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveNoteInput) => getApi().notes.save(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notes }),
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
