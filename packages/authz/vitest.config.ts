import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance: without this, ESM (.mjs) and CommonJS copies meet ("another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: { include: ['test/**/*.test.ts'] },
});
