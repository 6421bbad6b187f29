import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePassphraseInput, NotesEncryption } from '#shared/domain/note';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** Where this device stands with notes encryption; `notes.changed` and `session.changed` keep it current. */
export function useNotesEncryption() {
  return useQuery({
    queryKey: queryKeys.notesEncryption,
    queryFn: () => getApi().notes.getEncryption(),
  });
}

/** Setting up or unlocking changes which notes can be read: every notes query is stale after it. */
function useEncryptionMutation<I = string>(call: (input: I) => Promise<NotesEncryption>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (encryption) => {
      queryClient.setQueryData(queryKeys.notesEncryption, encryption);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes });
    },
    // A refusal can mean the state moved on (another device set up a passphrase meanwhile).
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notesEncryption }),
    meta: { inline: true },
  });
}

export function useSetUpEncryption() {
  return useEncryptionMutation((passphrase) => getApi().notes.setUpEncryption({ passphrase }));
}

export function useUnlockNotes() {
  return useEncryptionMutation((passphrase) => getApi().notes.unlock({ passphrase }));
}

/** Re-wraps the notes key with a new passphrase; the notes stay as they are. */
export function useChangePassphrase() {
  return useEncryptionMutation((input: ChangePassphraseInput) => getApi().notes.changePassphrase(input));
}
