# syntax=docker/dockerfile:1
# The server as an image: built with the dev dependencies, run with the production ones only, as a
# user without rights, the server bundled into one JavaScript file on plain node. test/deploy/image.e2e.test.ts starts the
# runtime stage's layout (the COPY lines below) as this file describes it.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The install's prepare step builds once the sources are in: skip it here, run it after the COPY
# (the dashboard, the server bundle and the embedded database's template, all in .cache/ or web/dist).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm rebuild && npm run prepare && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=8000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.cache ./.cache
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/config ./config
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", ".cache/server/start.mjs"]
