# Tessera's image: the dashboard and the server are built in a first stage with the dev
# dependencies (Vite, TypeScript); the runtime stage holds the production dependencies, the
# compiled server (dist/, ADR 0023: less memory than running the sources) and the built dashboard,
# and runs as the unprivileged `node` user.
# test/ops/dockerfile-recipe.test.ts runs these very steps in a clean directory, so keep every RUN
# a plain `npm …`/`node …` command, or teach that test the new step.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY clients/typescript/package.json clients/typescript/
RUN npm ci --no-audit --no-fund
COPY clients clients
COPY web web
COPY src src
COPY scripts scripts
COPY bin bin
COPY tsconfig.json tsconfig.build.json ./
RUN node scripts/build-web.ts
RUN node scripts/build-server.ts

FROM node:24-slim
# A 4 MB young generation at most: it saved ~25 MB at idle before `tessera serve` collected
# garbage once before listening; since then it changes neither the idle nor the peak figure
# (ADR 0020, *Idle memory*), and it is kept as harmless. Two malloc arenas instead of glibc's
# eight a core: PNG renders on libuv's threads each grew an arena of their own and kept it (a
# burst of 4,096 px PNGs: 750 MB resident against 415 MB; docs/operations.md, Sizing).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    TESSERA_DATA_DIR=/data \
    NODE_OPTIONS=--max-semi-space-size=4 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
COPY clients/typescript/package.json clients/typescript/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin bin
COPY --from=build /app/dist dist
COPY --from=build /app/web/dist web/dist
# The data directory belongs to the user the server runs as (SQLite file, generated files), and
# only to it (0700, as docs/operations.md says): Tessera tightens only a directory it creates, and a
# new volume takes this directory's mode.
RUN mkdir -p -m 700 /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /readyz: the database answers and is migrated (what a load balancer should ask too).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/tessera.js", "serve"]
