import { Button, List, Stack, Text, Title } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useStartDemo } from '../../hooks/use-session.ts';
import { ActionError } from '../../components/FormActions.tsx';

export function DemoCard() {
  const demo = useStartDemo();
  return (
    <Stack gap="md" h="100%">
      <div>
        <Title order={2} fz="lg">
          Try the demo organization
        </Title>
        <Text size="sm" c="dimmed">
          A made-up company with departments, sites and skills, running on this computer.
        </Text>
      </div>
      <List size="sm" spacing={4} c="dimmed">
        <List.Item>Search people by name, skill, department or site</List.Item>
        <List.Item>Browse profiles and reporting lines</List.Item>
        <List.Item>Nothing leaves your machine</List.Item>
      </List>
      <ActionError title="The demo could not start" error={demo.error} />
      <Button
        variant="light"
        mt="auto"
        loading={demo.isPending}
        leftSection={<IconSparkles size={18} />}
        onClick={() => demo.mutate(undefined)}
        data-testid="start-demo"
      >
        Try the demo
      </Button>
    </Stack>
  );
}
