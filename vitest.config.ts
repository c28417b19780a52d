import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, not a possibly stale dist/.
    alias: [
      {
        find: /^@wit-ts\/runtime\/node$/,
        replacement: fileURLToPath(new URL('./packages/runtime/src/node/index.ts', import.meta.url)),
      },
      ...['wit-parser', 'abi', 'component', 'runtime', 'bindgen-ts', 'compose', 'cli'].map((pkg) => ({
        find: new RegExp(`^@wit-ts/${pkg}$`),
        replacement: src(pkg),
      })),
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'fixtures/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
