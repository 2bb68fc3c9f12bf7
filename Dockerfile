# Rolegate in a container: the release folder of `pnpm release` (decision 020) on node:20-slim.
# The build stage runs exactly what the release test in reliability/src/release runs on every CI:
# `pnpm release`, then `node main.js` serving /healthz. Not built on our CI (it has no Docker engine).

FROM node:20-slim AS build
WORKDIR /src
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm release

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=pglite:/data/pglite
WORKDIR /app
COPY --from=build /src/release ./
# The embedded database (used when DATABASE_URL is not overridden) needs a folder the app may write.
RUN mkdir /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
