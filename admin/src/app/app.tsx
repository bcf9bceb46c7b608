/** The panel without its router, so the browser and the tests can each bring their own. */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '../api/session';
import { AppRoutes } from './routes';

export function App({ queryClient }: { queryClient: QueryClient }) {
  const session = useSession();
  // Logged out (by hand or by a 401): the next person on this device must not see the last one's data.
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session, queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <AppRoutes />
    </QueryClientProvider>
  );
}
