# One image for both services: the gateway (npm start) and the DRS simulator (npm run simulator).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
COPY simulator ./simulator
RUN npm run build
ENV NODE_ENV=production
EXPOSE 4000 8090
# As `npm start` runs it (without the rebuild): compiled JS, a heap that grows by 20% per full GC,
# and one GC thread (sized for 1–2 vCPUs; see the README's benchmark notes).
CMD ["node", "--heap-growing-percent=20", "--single-threaded-gc", "dist/src/main.js"]
