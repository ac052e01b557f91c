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
# As `npm start` runs it (without the rebuild): compiled JS, and a heap that grows by 20% per full GC.
CMD ["node", "--heap-growing-percent=20", "dist/src/main.js"]
