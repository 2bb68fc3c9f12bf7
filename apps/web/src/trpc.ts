/**
 * The typed API client. Only the router's *type* comes from @rolegate/server (`import type` is erased
 * at build time), so no server code reaches the browser bundle.
 */
import type { AppRouter } from '@rolegate/server';
import { httpBatchLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterOutputs } from '@trpc/server';

export const trpc = createTRPCReact<AppRouter>();

export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createApiClient() {
  // Same origin in production (the server serves this app) and through Vite's proxy in development,
  // so the session cookie travels with every call without CORS.
  // The server refuses batches of more than 10 calls (MAX_BATCH_SIZE in apps/server/src/http), and
  // a GET whose URL passes Node's 16 KB header limit never reaches it: split batches before either.
  return trpc.createClient({
    links: [httpBatchLink({ url: '/trpc', maxItems: 10, maxURLLength: 8_000 })],
  });
}
