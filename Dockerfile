# The production image: built in one stage, run from another that holds only the compiled server
# and its browser files, the compiled command-line tools and the production dependencies (no
# sources, tests, bench or CI).
# The base image is pinned to a Node release and Debian version; pin its digest in your registry
# mirror if you need byte-for-byte rebuilds.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so this layer is cached until the lockfile changes. The authorization core is
# an npm workspace (@rolegate/authz): its manifest is needed to install.
COPY package.json package-lock.json ./
COPY packages/authz/package.json packages/authz/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts scripts
COPY packages/authz packages/authz
COPY src src
# dist/main.js (the server), dist/cli/*.js (the command-line tools) and dist/assets/ (the console's and
# the explorer's browser files, built once here): no TypeScript loader and no bundler at run time.
RUN npm run build

FROM ${NODE_IMAGE} AS production
# Safe defaults for a deployed image: no introspection, suggestions, explorer, metrics or demo users
# with a known password. docker-compose.yml overrides them for the local demo.
ENV NODE_ENV=production \
    SEED_DEMO_DATA=false \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/authz/package.json packages/authz/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
# What the server reads at run time besides dist/: the SDL and the example legacy mapping
# (LEGACY_MAPPING_FILE's default).
COPY schema schema
COPY legacy legacy

# The code stays root-owned and read-only to the app; DATA_DIR (generated signing key, embedded
# database) is the one place it writes. A named volume mounted there inherits this ownership.
RUN mkdir -p /data && chown node:node /data
USER node

EXPOSE 4000

# Liveness: the server listens only once it has migrated and loaded its keys. /readyz (database and
# Redis) is for load balancers: a Redis outage should not get every instance marked unhealthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself as PID 1 (not npm) receives SIGTERM and drains requests.
CMD ["node", "--import", "./dist/tracing.js", "dist/main.js"]
