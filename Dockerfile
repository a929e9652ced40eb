# The production image: built in one stage, run from another that holds only the compiled server
# and its browser files, the compiled command-line tools and the production dependencies (no
# sources, tests, bench or CI).
# The base image is pinned to a Node release and Debian version. Its digest is not written here (it
# cannot be looked up without a registry, and an invented one would fail the build): pin it at build
# time, keeping the tag, with the digest your registry reports (docs/deployment.md, "The image"):
#   docker buildx imagetools inspect node:24.21.0-bookworm-slim    # prints "Digest: sha256:..."
#   docker compose -f docker-compose.production.yml build \
#     --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<that digest>
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
ARG NODE_IMAGE
# What the image is (OCI annotations): `docker image inspect` and registries show them. The version,
# commit and date come from the build (docker-compose.production.yml passes ROLEGATE_VERSION,
# ROLEGATE_REVISION and ROLEGATE_CREATED when they are set).
ARG VERSION=unknown
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="Rolegate" \
      org.opencontainers.image.description="An authorization-first GraphQL API: @auth directives, policy-driven RBAC, batched role resolution." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
# tini as PID 1 (ENTRYPOINT below): it forwards SIGTERM to node and reaps any child process, so no
# compose file needs `init: true`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
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

# tini is PID 1 and hands SIGTERM to node (never npm), which drains and finishes requests. A command
# given to `docker compose run` (`node dist/cli/platform.js list`) runs under tini too.
ENTRYPOINT ["/usr/bin/tini", "--"]
# Stack traces name the TypeScript sources: `npm run build` writes a .map beside each compiled file
# (esbuild's sourcemap: true in scripts/build-steps.ts), copied with dist/. A young generation of at most
# 16 MB per semi-space: Node 24 grows it to 64 MB under load and keeps it (about 70 MB of RSS more),
# for a throughput the bench cannot tell apart (docs/contributors.md, Benchmark).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=16", "--heap-growing-percent=100", "--import", "./dist/tracing.js", "dist/main.js"]
