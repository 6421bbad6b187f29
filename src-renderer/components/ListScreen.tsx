import { Box, ScrollArea, Stack } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { ScreenHeader } from './ScreenHeader.tsx';

type Props = Omit<ComponentProps<typeof ScreenHeader>, 'children'> & {
  /** Search boxes and filters, under the title. */
  controls?: ReactNode;
  /** The list, its loading state or its empty state. */
  children: ReactNode;
  maw?: number;
};

/** A list screen: its header, then the list scrolling beneath it. */
export function ListScreen({ controls, children, maw, ...header }: Props) {
  return (
    <Stack gap={0} style={{ flex: '1 1 auto', minHeight: 0 }}>
      <ScreenHeader {...header}>{controls}</ScreenHeader>
      <ScrollArea style={{ flex: '1 1 auto' }} type="auto">
        <Box px="lg" py="md" maw={maw}>
          {children}
        </Box>
      </ScrollArea>
    </Stack>
  );
}
