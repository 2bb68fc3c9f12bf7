/**
 * Renders a screen with a real tRPC client and react-query, whose only link answers from the
 * handlers a test gives: the component code runs unchanged, the network is the test's script.
 */
import type { AppRouter } from '@rolegate/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ReactNode } from 'react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { trpc } from '../trpc';

export type Handlers = Partial<Record<string, (input: unknown) => unknown>>;

/** What the server's error formatter sends for a refused call. */
export function apiError(
  code: string,
  message: string,
  fieldErrors: Record<string, string[]> | null = null,
): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: { code: -32000, message, data: { code, httpStatus: 400, fieldErrors } },
  });
}

function scriptedLink(
  handlers: Handlers,
  calls: { path: string; input: unknown }[],
): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const handler = handlers[op.path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw apiError('NOT_FOUND', `No test handler for ${op.path}.`);
            return handler(op.input);
          })
          .then((data) => {
            observer.next({ result: { type: 'data', data } });
            observer.complete();
          })
          .catch((error: unknown) => observer.error(TRPCClientError.from(error as Error)));
      });
}

export function renderWithApi(ui: ReactNode, handlers: Handlers, path = '/') {
  const calls: { path: string; input: unknown }[] = [];
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const client = trpc.createClient({ links: [scriptedLink(handlers, calls)] });
  const location = memoryLocation({ path, record: true });
  const view = render(
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          {ui}
        </Router>
      </QueryClientProvider>
    </trpc.Provider>,
  );
  return { ...view, calls, history: location.history, queryClient };
}
