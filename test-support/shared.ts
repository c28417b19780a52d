// Where the shared test corpora live: `../shared` next to the repository
// (present on developer machines and in CI, absent for a user's clone).
// vitest.config.ts leaves out the test files that import this module when
// the corpora are missing, so a fresh clone still runs every other test.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = resolve(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const hasShared = existsSync(CORPUS);
