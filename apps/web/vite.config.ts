import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// `pnpm dev`: the API server runs on :3000 (PORT's default), Vite on :5173 with HMR.
const apiServer = process.env.ROLEGATE_API_URL ?? 'http://localhost:3000';

const toApiServer: ProxyOptions = {
  target: apiServer,
  changeOrigin: true,
  // The server refuses mutations whose Origin is not APP_URL (CSRF). In development the page lives
  // on Vite's origin, so the proxy presents the API server's own origin instead.
  headers: { origin: new URL(apiServer).origin },
};

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // Vite's default names (assets/[name]-[hash].js) are what lets the server cache them for a year.
    assetsDir: 'assets',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/trpc': toApiServer, '/healthz': toApiServer, '/admin/audit.csv': toApiServer },
  },
});
