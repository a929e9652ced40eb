FROM node:24-slim

# Safe defaults for a deployed image: introspection and suggestions off, no demo users with a known
# password. docker-compose.yml overrides both for the local demo.
ENV NODE_ENV=production \
    SEED_DEMO_DATA=false \
    DATA_DIR=/data

WORKDIR /app

# Install dependencies first so this layer is cached until the lockfile changes. Production
# dependencies only: esbuild (the build, and the explorer's bundle) and tsx (the command-line tools) are among them.
COPY package.json package-lock.json ./
# The authorization core is an npm workspace (@rolegate/authz): its manifest is needed to install.
COPY packages/authz/package.json packages/authz/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .
# The server compiled to one JavaScript file (dist/main.js): no TypeScript loader at run time.
RUN npm run build

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
CMD ["node", "dist/main.js"]
