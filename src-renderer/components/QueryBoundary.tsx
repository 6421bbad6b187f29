import { Center, Loader, type CenterProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { InlineError } from './InlineError.tsx';

/** What the boundary reads of a query: a react-query result has it, and so does a pair of queries joined. */
export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  /** The data is a previous key's, kept on screen while this one loads (`placeholderData`). */
  isPlaceholderData?: boolean;
  refetch: () => unknown;
}

interface Props<T> {
  query: QueryState<T>;
  /** The error's title: "Could not read your notes". */
  errorTitle: string;
  /** What shows while the data loads: a spinner with room around it unless given. */
  loading?: ReactNode;
  /** What shows when the core answers `not_found`; without it, not found is an error like any other. */
  notFound?: ReactNode;
  /** The spinner and the error centred in a box of these props (a window, a pane) instead of the flow. */
  center?: CenterProps;
  children: (data: T) => ReactNode;
}

/**
 * The one ladder for a screen or a section that reads a query: loading → error with a retry → not found →
 * the data. A failed refresh of data already on screen keeps the data there (the query client's toast says
 * so); a failed load, or a failed search behind another search's placeholder results, shows the error.
 */
export function QueryBoundary<T>({ query, errorTitle, loading, notFound, center, children }: Props<T>) {
  const { data, error } = query;
  if (error && (data === undefined || query.isPlaceholderData)) {
    if (notFound && error.name === 'not_found') return notFound;
    const alert = <InlineError title={errorTitle} error={error} onRetry={() => void query.refetch()} />;
    return center ? <Center {...center}>{alert}</Center> : alert;
  }
  if (data !== undefined) return children(data);
  return loading ?? <CenteredLoader {...center} />;
}

/** A spinner with room around it: a screen's or a section's data on its way. */
export function CenteredLoader(props: CenterProps) {
  return (
    <Center py={80} {...props}>
      <Loader />
    </Center>
  );
}
