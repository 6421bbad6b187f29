import { Button, Center, EmptyState } from '@mantine/core';
import { IconCloudDownload, IconFilterOff, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useSyncNow, useSyncStatus } from '../../hooks/use-sync-status.ts';
import { resetDirectoryFilters } from '../../lib/directory-filters.ts';

/** What to do next when the list is empty: clear the filters, or wait for (or start) the first sync. */
export function DirectoryEmpty({ filtered }: { filtered: boolean }) {
  const { data: status } = useSyncStatus();
  const syncNow = useSyncNow();

  if (filtered) {
    return (
      <Wrap>
        <EmptyState
          icon={<IconFilterOff size={28} />}
          title="No one matches this search"
          description="Check the spelling, search for fewer words, or clear the filters to see everyone."
          data-testid="directory-empty"
        >
          <Button variant="light" onClick={() => resetDirectoryFilters()}>
            Clear search and filters
          </Button>
        </EmptyState>
      </Wrap>
    );
  }
  if (status?.state === 'syncing') {
    const percent = status.progress === null ? null : Math.round(status.progress * 100);
    return (
      <Wrap>
        <EmptyState
          icon={<IconCloudDownload size={28} />}
          title="Your directory is syncing"
          description={`People appear here as soon as the first download finishes${percent === null ? '' : ` (${percent}% so far)`}.`}
          data-testid="directory-empty"
        />
      </Wrap>
    );
  }
  return (
    <Wrap>
      <EmptyState
        icon={<IconUsers size={28} />}
        title="No people yet"
        description={
          status?.state === 'offline'
            ? 'Kith has not downloaded the directory yet and the server cannot be reached. It will retry on its own.'
            : 'The directory has not been downloaded yet. Sync to fetch it from your server.'
        }
        data-testid="directory-empty"
      >
        <Button variant="light" loading={syncNow.isPending} onClick={() => syncNow.mutate()}>
          Sync now
        </Button>
      </EmptyState>
    </Wrap>
  );
}

function Wrap({ children }: { children: ReactNode }) {
  return (
    <Center style={{ flex: '1 1 auto' }} p="xl">
      {children}
    </Center>
  );
}
