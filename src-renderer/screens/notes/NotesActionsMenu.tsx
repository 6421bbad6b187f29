import { ActionIcon, Alert, Menu, Text } from '@mantine/core';
import { IconDotsVertical, IconFileExport, IconFileImport, IconFolderCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExportResult } from '#shared/domain/import-export';
import { useExportMarkdown } from './use-import-export.ts';
import { formatCount } from '../../lib/format.ts';
import { showToast } from '../../lib/toasts.ts';
import { ImportContactsModal } from './ImportContactsModal.tsx';

/** The Notes screen's "…" menu: export every note as Markdown, import contacts and notes from a file. */
export function NotesActionsMenu({
  onExported,
}: {
  onExported: (result: NonNullable<ExportResult>) => void;
}) {
  const exportMarkdown = useExportMarkdown();
  const [importOpen, setImportOpen] = useState(false);

  const runExport = () =>
    exportMarkdown.mutate(undefined, {
      onSuccess: (result) => {
        if (!result) return; // the person cancelled the folder dialog
        onExported(result);
        showToast({
          title: 'Notes exported',
          message: `${formatCount(result.files, 'file')} written to ${result.folder}`,
          color: 'green',
        });
      },
    });

  return (
    <>
      <Menu position="bottom-end" width={240}>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size={36}
            aria-label="Import and export"
            loading={exportMarkdown.isPending}
            data-testid="notes-actions"
          >
            <IconDotsVertical size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconFileExport size={16} />} onClick={runExport}>
            Export as Markdown…
          </Menu.Item>
          <Menu.Item leftSection={<IconFileImport size={16} />} onClick={() => setImportOpen(true)}>
            Import contacts…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ImportContactsModal opened={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}

/** Where the last export went, until dismissed: a toast alone is gone before the folder is found. */
export function ExportedNotice({
  result,
  onClose,
}: {
  result: NonNullable<ExportResult>;
  onClose: () => void;
}) {
  return (
    <Alert
      variant="light"
      color="green"
      icon={<IconFolderCheck />}
      title="Notes exported as Markdown"
      withCloseButton
      onClose={onClose}
      data-testid="export-result"
    >
      <Text size="sm">
        {formatCount(result.files, 'file')} (one per colleague) in{' '}
        <Text span ff="monospace" size="sm">
          {result.folder}
        </Text>
      </Text>
    </Alert>
  );
}
