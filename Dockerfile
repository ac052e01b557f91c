# One image for both services: the gateway (npm start) and the DRS simulator (npm run simulator).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json schema.graphql ./
COPY src ./src
COPY simulator ./simulator
ENV NODE_ENV=production
EXPOSE 4000 8090
CMD ["npm", "start"]
