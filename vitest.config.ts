import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

const root = fileURLToPath(new URL('.', import.meta.url));
const hasShared = existsSync(resolve(root, '..', 'shared', 'corpus'));

/**
 * Test files that read the shared corpora (they import test-support/shared,
 * directly or through a local support module). Without ../shared — a user's
 * fresh clone — they are left out and every other test still runs.
 */
function corpusTests(): string[] {
  const needs = (file: string, depth = 0): boolean => {
    const text = readFileSync(file, 'utf8');
    if (text.includes('test-support/shared')) return true;
    if (depth > 1) return false;
    for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      const dep = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(dep) && needs(dep, depth + 1)) return true;
    }
    return false;
  };
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist') walk(full);
      else if (e.name.endsWith('.test.ts') && needs(full)) out.push(relative(root, full));
    }
  };
  walk(join(root, 'packages'));
  return out;
}

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
    exclude: ['**/node_modules/**', ...(hasShared ? [] : corpusTests())],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
