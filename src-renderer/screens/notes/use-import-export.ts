import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportContactsInput } from '#shared/domain/import-export';
import { getApi } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** Writes every note as Markdown files into a folder the app asks for; resolves null when the person cancels. */
export function useExportMarkdown() {
  return useMutation({ mutationFn: () => getApi().importExport.exportMarkdown() });
}

/** Reads a contacts file; a dry run only reports. A real run changes notes and connections. */
export function useImportContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportContactsInput) => getApi().importExport.importContacts(input),
    onSuccess: (report) => {
      if (report.dryRun) return;
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes });
      void queryClient.invalidateQueries({ queryKey: queryKeys.network });
    },
    meta: { inline: true },
  });
}
