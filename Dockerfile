# syntax=docker/dockerfile:1
# BharatSense: one image for the API and the queue workers (RUN_WORKERS picks the role).
#   docker build -t bharatsense .
#   docker run -p 3000:3000 -e PII_KEY="$(openssl rand -base64 32)" bharatsense    # the embedded demo
# (NODE_ENV=production: the app insists on a PII_KEY it did not make up itself.)
# On AWS the CDK app (infra/) builds this file and runs it on ECS Fargate.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- The web panel: the root's and admin/'s packages (dev tools included), then vite build.
FROM ${NODE_IMAGE} AS panel
WORKDIR /app
# Every workspace's package.json, so npm ci sees the tree the lockfile describes.
COPY package.json package-lock.json ./
COPY admin/package.json admin/
COPY infra/package.json infra/
# No install scripts: the panel's build needs no native addon (better-sqlite3 is built below, once).
RUN npm ci --no-audit --no-fund --ignore-scripts --workspace=admin --include-workspace-root
COPY admin admin
RUN npm run -s build:panel

# --- Production dependencies of the server only (no admin/ or infra/ packages, no dev tools).
FROM ${NODE_IMAGE} AS deps
# better-sqlite3 compiles from source where no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY admin/package.json admin/
COPY infra/package.json infra/
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund \
 && npm cache clean --force

# --- Runtime: no compilers, code owned by root and read-only to the app's user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/tmp/bharatsense
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.json ./
COPY src src
COPY locales locales
COPY resources resources
COPY --from=panel /app/admin/dist admin/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# tsx runs the TypeScript as `npm start` does, without npm in between: node gets SIGTERM itself
# (forwarded by ECS's init process on AWS) and the app shuts down cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
