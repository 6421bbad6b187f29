import { Box, Button, ScrollArea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  /** The link back ("Communities", the community's name, "Back"); none on a top-level page. */
  back?: { label: ReactNode; onClick: () => void };
  maw: number;
  testId?: string;
  children: ReactNode;
}

/** A page that scrolls as a whole (a profile, a community, a thread, the settings), under its way back. */
export function PageFrame({ back, maw, testId, children }: Props) {
  return (
    <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
      <Box p="lg" maw={maw} data-testid={testId}>
        {back ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArrowLeft size={16} />}
            onClick={back.onClick}
            mb="md"
          >
            {back.label}
          </Button>
        ) : null}
        {children}
      </Box>
    </ScrollArea>
  );
}
