import { Alert, Button, Checkbox, FileButton, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { IMPORT_CONTENT_MAX, type ImportReport } from '#shared/domain/import-export';
import { useImportContacts } from './use-import-export.ts';
import { formatCount } from '../../lib/format.ts';
import { showToast } from '../../lib/toasts.ts';
import { ImportReportView } from './ImportReportView.tsx';

/** The picked file, read as text in the renderer: the core never opens a path the renderer names. */
interface PickedFile {
  name: string;
  content: string;
}

const summarize = (done: ImportReport) =>
  `${formatCount(done.notesCreated, 'note')} and ${formatCount(done.connectionsCreated, 'connection')} added from ${done.fileName}`;

/** Longer files cannot hold fewer than IMPORT_CONTENT_MAX characters; refuse them before reading. */
const FILE_BYTES_MAX = IMPORT_CONTENT_MAX * 4;

/**
 * Import contacts and notes: pick a vCard or CSV file → a preview of what matches (nothing written yet)
 * → Import → what was written. A malformed file shows what is wrong and where.
 */
export function ImportContactsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const importContacts = useImportContacts();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [addConnections, setAddConnections] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  // The last report stays on screen while the next one is computed (the checkbox re-runs the preview).
  const [report, setReport] = useState<ImportReport | null>(null);

  const close = () => {
    setFile(null);
    setReport(null);
    setReadError(null);
    importContacts.reset();
    onClose();
  };

  const preview = (picked: PickedFile, connections: boolean) =>
    importContacts.mutate(
      { fileName: picked.name, content: picked.content, dryRun: true, addConnections: connections },
      { onSuccess: setReport },
    );

  const pick = async (chosen: File | null) => {
    if (!chosen) return;
    setReadError(null);
    setReport(null);
    importContacts.reset();
    if (chosen.size > FILE_BYTES_MAX) {
      setFile(null);
      setReadError(`${chosen.name} is too large: an import file can hold at most 10 MB of text.`);
      return;
    }
    const picked = { name: chosen.name, content: await chosen.text() };
    setFile(picked);
    preview(picked, addConnections);
  };

  const runImport = () => {
    if (!file) return;
    importContacts.mutate(
      { fileName: file.name, content: file.content, dryRun: false, addConnections },
      {
        onSuccess: (done) => {
          setReport(done);
          showToast({ title: 'Import done', message: summarize(done), color: 'green' });
        },
      },
    );
  };

  const finished = report && !report.dryRun;
  const nothingToWrite = report ? report.notesToCreate + report.connectionsToCreate === 0 : true;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import contacts and notes"
      size="xl"
      data-testid="import-modal"
    >
      <Stack gap="md">
        {!finished ? (
          <Text size="sm" c="dimmed">
            A vCard 4.0 (.vcf) or CSV file with a header row (name, email, note). Each contact is matched to a
            colleague by email; its NOTE becomes a note tagged “imported”. You see what matches before
            anything is written.
          </Text>
        ) : null}

        <Group gap="sm">
          <FileButton onChange={(f) => void pick(f)} accept=".vcf,.vcard,.csv,text/vcard,text/csv">
            {(props) => (
              <Button
                {...props}
                variant={file ? 'default' : 'filled'}
                leftSection={<IconFileImport size={16} />}
                data-testid="import-pick"
                disabled={importContacts.isPending}
              >
                {file ? 'Choose another file…' : 'Choose a file…'}
              </Button>
            )}
          </FileButton>
          {file ? (
            <Text size="sm" data-testid="import-file-name">
              {file.name}
            </Text>
          ) : null}
          {importContacts.isPending ? <Loader size="xs" /> : null}
        </Group>

        {readError || importContacts.error ? (
          <Alert
            variant="light"
            color="red"
            icon={<IconAlertTriangle />}
            title="This file cannot be imported"
            data-testid="import-error"
          >
            {readError ?? importContacts.error?.message}
            <Text size="xs" c="dimmed" mt={4}>
              Nothing was written. Fix the file (or export it again) and choose it once more.
            </Text>
          </Alert>
        ) : null}

        {finished ? (
          <Alert
            variant="light"
            color="green"
            icon={<IconCircleCheck />}
            title="Imported"
            data-testid="import-done"
          >
            {summarize(report)}.
          </Alert>
        ) : null}

        {report ? <ImportReportView report={report} /> : null}

        {file && report?.dryRun ? (
          <Checkbox
            label="Add a connection for each matched colleague I am not connected with yet"
            checked={addConnections}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              setAddConnections(checked);
              preview(file, checked);
            }}
            data-testid="import-add-connections"
          />
        ) : null}

        <Group justify="flex-end" gap="xs">
          {finished ? (
            <Button onClick={close} data-testid="import-close">
              Close
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                onClick={runImport}
                disabled={!report?.dryRun || nothingToWrite}
                loading={importContacts.isPending && Boolean(report)}
                data-testid="import-run"
              >
                Import
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
