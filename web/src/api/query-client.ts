import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, showError } from './client.js';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (!query.meta?.quiet) showError(err);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status > 0 && err.status < 500),
    },
  },
});
