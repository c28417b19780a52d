import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, not a possibly stale dist/.
    alias: {
      '@wit-ts/wit-parser': src('wit-parser'),
      '@wit-ts/abi': src('abi'),
      '@wit-ts/component': src('component'),
      '@wit-ts/runtime': src('runtime'),
      '@wit-ts/cli': src('cli'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'fixtures/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
