/**
 * What other packages may take from the server: the router's type, for the web app's typed client
 * (`import type`, so no server code reaches the browser bundle).
 */
export type { AppRouter } from './router.js';
