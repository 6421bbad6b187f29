import type { ComponentProps, ReactNode } from 'react';
import { CenteredEmpty } from './CenteredEmpty.tsx';
import { PageFrame } from './PageFrame.tsx';
import { QueryBoundary, type QueryState } from './QueryBoundary.tsx';

interface Props<T> {
  back: NonNullable<ComponentProps<typeof PageFrame>['back']>;
  maw: number;
  /** The one thing the page shows: a community, a post, a profile. */
  query: QueryState<T>;
  errorTitle: string;
  /** A skeleton of the page while it loads. */
  loading: ReactNode;
  /** Why the thing is not there, and where to go instead. */
  notFound: ComponentProps<typeof CenteredEmpty>;
  children: (data: T) => ReactNode;
}

/** The page of one thing, opened by a link that may be out of date: its way back, then the thing or why not. */
export function DetailPage<T>({ back, maw, notFound, ...boundary }: Props<T>) {
  return (
    <PageFrame back={back} maw={maw}>
      <QueryBoundary {...boundary} notFound={<CenteredEmpty {...notFound} />} />
    </PageFrame>
  );
}
