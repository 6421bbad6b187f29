import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { showError } from './toasts.ts';

/**
 * Data is local (the core's SQLite cache), so calls are cheap and never "offline": no refetch on focus,
 * and freshness comes from core events rather than timers.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      // A failed background refresh of data already on screen: say so without replacing the screen.
      onError: (error, query) => {
        if (query.state.data !== undefined) showError('Could not refresh', error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (!mutation.meta?.inline) showError('Something went wrong', error);
      },
    }),
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: 0 },
    },
  });
}
