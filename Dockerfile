FROM node:24-slim

WORKDIR /app

# Install dependencies first so this layer is cached until the lockfile changes.
# tsx is a regular dependency: the app runs its TypeScript directly, no build step.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

EXPOSE 4000

CMD ["npm", "start"]
