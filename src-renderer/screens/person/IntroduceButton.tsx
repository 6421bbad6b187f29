import { Button } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { Link } from 'wouter';
import { useConnection } from '../../hooks/use-network.ts';

/** "Who can introduce me?": only for colleagues you have no connection with. */
export function IntroduceButton({ personId }: { personId: string }) {
  const connection = useConnection(personId);
  if (connection.data !== null) return null;
  return (
    <Button
      component={Link}
      href={`/network/introduce/${encodeURIComponent(personId)}`}
      variant="light"
      color="grape"
      size="xs"
      leftSection={<IconRoute size={14} />}
      data-testid="profile-introduce"
    >
      Who can introduce me?
    </Button>
  );
}
