import { Badge, Group, List, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ImportReport, UnmatchedContact } from '#shared/domain/import-export';

const REASONS: Record<UnmatchedContact['reason'], string> = {
  'no email': 'no email in the file',
  'no colleague with this email': 'no colleague with this email',
  yourself: 'this is you',
};

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** What an import read and matched, and what it writes (a preview) or wrote. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const notes = report.dryRun ? report.notesToCreate : report.notesCreated;
  const connections = report.dryRun ? report.connectionsToCreate : report.connectionsCreated;
  return (
    <Stack gap="sm" data-testid="import-report">
      <SimpleGrid cols={4} spacing="xs">
        <Figure label="Contacts read" value={String(report.contactsRead)} testId="import-read" />
        <Figure label="Matched" value={String(report.matched)} testId="import-matched" />
        <Figure
          label={report.dryRun ? 'Notes to add' : 'Notes added'}
          value={String(notes)}
          testId="import-notes"
        />
        <Figure
          label={report.dryRun ? 'Connections to add' : 'Connections added'}
          value={String(connections)}
          testId="import-connections"
        />
      </SimpleGrid>
      {report.columns ? (
        <Text size="xs" c="dimmed" data-testid="import-columns">
          Columns read:{' '}
          {Object.entries(report.columns)
            .map(([field, header]) => `${field} ← “${header}”`)
            .join(', ')}
        </Text>
      ) : null}

      <ScrollArea.Autosize mah={300} type="auto">
        <Stack gap="sm">
          {report.matches.length ? (
            <div>
              <Title order={3} fz="sm" mb={4}>
                Matched to colleagues ({report.matches.length})
              </Title>
              <List size="sm" spacing={2} data-testid="import-matches">
                {report.matches.map((m) => (
                  <List.Item key={`${m.line}-${m.person.id}`}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" span>
                        {m.name || m.email} → <b>{m.person.name}</b>
                      </Text>
                      {m.note ? (
                        <Badge size="xs" variant="light" tt="none">
                          note
                        </Badge>
                      ) : null}
                      {m.connection ? (
                        <Badge size="xs" variant="light" color="teal" tt="none">
                          new connection
                        </Badge>
                      ) : null}
                    </Group>
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
          {report.unmatched.length ? (
            <div>
              <Title order={3} fz="sm" mb={4}>
                Not matched ({report.unmatched.length})
              </Title>
              <List size="sm" spacing={2} data-testid="import-unmatched">
                {report.unmatched.map((u) => (
                  <List.Item key={u.line}>
                    <Text size="sm" span>
                      Line {u.line}: {u.name || '(no name)'}
                      {u.emails.length ? ` <${u.emails.join(', ')}>` : ''} — {REASONS[u.reason]}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
          {report.errors.length ? (
            <div>
              <Title order={3} fz="sm" mb={4}>
                Skipped ({report.errors.length})
              </Title>
              <List size="sm" spacing={2} data-testid="import-errors">
                {report.errors.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </div>
          ) : null}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
