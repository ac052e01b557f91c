# One image for both services: the gateway (the default command) and the DRS simulator
# (`node dist/simulator/main.js`), both compiled: the runtime stage has no tsx and no dev dependencies.

# Build: every dependency (TypeScript included), then src/ and simulator/ compiled to dist/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY simulator ./simulator
RUN npm run build

# Runtime: production dependencies only, the compiled output, and an unprivileged user.
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The official image's unprivileged user (uid 1000); nothing under /app is writable by it.
USER node
# Containers listen on every interface; PORT and the rest come from the environment (no .env in the image).
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000 8090
# Liveness only (the gateway's /health never calls DRS); orchestrators probe /readiness themselves.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start` runs it (without the rebuild): compiled JS, a heap that grows by 20% per full GC,
# and one GC thread (sized for 1–2 vCPUs; see the README's benchmark notes).
CMD ["node", "--heap-growing-percent=20", "--single-threaded-gc", "dist/src/main.js"]
