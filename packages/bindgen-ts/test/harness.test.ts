// The batched type-check harness itself reports errors in .ts and .d.ts files.
import { expect, it } from 'vitest';
import { typecheck } from './corpus.js';

it('typecheck() reports errors in generated .ts and .d.ts files', () => {
  const res = typecheck(
    new Map([
      [
        'x',
        [
          { path: 'a.d.ts', contents: 'export declare function f(): Nope;\n' },
          {
            path: 'b.ts',
            contents:
              "import type * as A from './a.js';\nexport const x: number = 'no';\nexport type F = typeof A.f;\n",
          },
          {
            path: 'c.ts',
            contents:
              "import { instantiate } from '@wit-ts/runtime';\nexport const i: typeof instantiate = instantiate;\n",
          },
        ],
      ],
    ]),
  );
  const files = [...res.errors.keys()].map((f) => f.split('/').pop());
  expect(files.sort()).toEqual(['a.d.ts', 'b.ts']);
});
