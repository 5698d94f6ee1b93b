# bug-lifecycle's server as an image: build with the dev dependencies, keep only the production ones, run as a
# non-root user with a health check. docs/deploying.md explains each step; test/e2e/deploy.test.ts runs these
# steps the same way without Docker (no daemon and no base image can be pulled on the machines that test it),
# so keep to the instructions that test understands: FROM, WORKDIR, COPY, RUN, ENV, USER, EXPOSE, HEALTHCHECK
# and CMD, one line each.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/github-double/package.json packages/github-double/
COPY packages/simulate/package.json packages/simulate/
# --ignore-scripts: the build is the next step, explicit (npm ci's prepare would build the test packages too).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src src
RUN npm run build
# --omit=optional: the tests' Node 24 (node24) is an optional dependency; the server needs no optional package.
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/lib lib
COPY app.yml LICENSE ./
# The base image's unprivileged user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/bug-lifecycle/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start`'s command (settings checked first, its Node flags: docs/deploying.md), not `npm start` itself:
# signals reach the server directly (graceful shutdown on SIGTERM).
CMD ["node", "--min-semi-space-size=16", "lib/start.js"]
