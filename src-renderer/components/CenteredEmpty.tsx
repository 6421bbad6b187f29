import { Button, Center, EmptyState, type CenterProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props extends Omit<CenterProps, 'title' | 'children'> {
  icon: ReactNode;
  title: ReactNode;
  description: ReactNode;
  testId?: string;
  /** The one way forward ("Browse communities"), as a light button. */
  action?: { label: string; onClick: () => void };
  /** Other ways forward, where one button is not enough. */
  children?: ReactNode;
}

/** Nothing to show (an empty list, a page not found): why, and the way forward, centred with room around. */
export function CenteredEmpty(props: Props) {
  const { icon, title, description, testId, action, children, py = 80, ...center } = props;
  return (
    <Center py={py} {...center}>
      <EmptyState icon={icon} title={title} description={description} data-testid={testId}>
        {action ? (
          <Button variant="light" onClick={action.onClick}>
            {action.label}
          </Button>
        ) : (
          children
        )}
      </EmptyState>
    </Center>
  );
}
