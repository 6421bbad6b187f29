import { ScrollArea, SimpleGrid, Text } from '@mantine/core';
import type { PersonSummary } from '#shared/domain/person';
import { PersonLink } from '../../components/PersonLink.tsx';

export function DirectReports({ reports }: { reports: readonly PersonSummary[] }) {
  if (reports.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="direct-reports">
        No one reports to this person.
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars data-testid="direct-reports">
      <SimpleGrid cols={1} spacing={2} pl={8}>
        {reports.map((report) => (
          <PersonLink key={report.id} person={report} testId="direct-report" />
        ))}
      </SimpleGrid>
    </ScrollArea.Autosize>
  );
}
