// Resources across component boundaries and semver-merged implicit imports,
// with type-only ("dummy") components built by our own embed + new: the
// composition must validate, and jco must accept it (transpile, WIT).
import { describe, expect, it } from 'vitest';
import { componentWit, transpile } from '@bytecodealliance/jco';
import { componentNew, decodeComponent, embedComponentType, validateComponent } from '@wit-ts/component';
import { resolveSource } from '@wit-ts/wit-parser';
import { compose, ComposeError, plug } from '@wit-ts/compose';

function dummy(wit: string, world: string): Uint8Array {
  const r = resolveSource(wit, `${world}.wit`);
  const id = r.packages[r.main!].worlds.get(world)!;
  return componentNew(embedComponentType(undefined, r, id, { dummy: true }));
}

const RES = (version: string, extra = '') => `package test:res@${version};
interface types {
  resource thing { constructor(n: u32); get: func() -> u32; }
  make: func() -> thing;
  ${extra}
}
world provider { export types; }
world consumer {
  import types;
  use types.{thing};
  export consume: func(t: thing) -> u32;
  export peek: func(t: borrow<thing>) -> u32;
  export run: func() -> u32;
}
world user {
  import types;
  use types.{thing};
  import log: func(t: borrow<thing>);
  export run: func() -> u32;
}
world runner {
  import types;
  export run: func() -> u32;
}
world consumer2 {
  import types;
  export other: func() -> u32;
}
`;

describe('resources and semver', () => {
  it('passes a resource-carrying instance from one component to another', async () => {
    const provider = dummy(RES('0.2.3'), 'provider');
    const consumer = dummy(RES('0.2.0'), 'consumer');
    const user = dummy(RES('0.2.0'), 'user');
    const out = compose({
      source: `package test:composed;
let p = new test:provider {};
let c = new test:consumer { ...p };
export p.types;
export c.run;`,
      deps: { 'test:provider': provider, 'test:consumer': consumer },
    });
    expect(validateComponent(decodeComponent(out))).toEqual([]);
    const wit = await componentWit(out);
    expect(wit).toContain('export test:res/types@0.2.3;');
    expect(wit).toContain('export run: func() -> u32;');
    await transpile(out, { name: 'composed' });
    // An implicit import typed by the provider instance's resource needs an
    // export type ascription (not written yet): a clear error, not an invalid component.
    expect(() =>
      compose({
        source: `package test:composed;\nlet p = new test:provider {};\nlet c = new test:user { ...p, ... };\nexport c.run;\nexport p.types;`,
        deps: { 'test:provider': provider, 'test:user': user },
      }),
    ).toThrow(/import `log` uses types of `test:res\/types@0.2.3`, provided by an instantiation.*not supported yet/);
    // plug does the same wiring.
    const plugged = plug(dummy(RES('0.2.0'), 'runner'), [provider]);
    expect(await componentWit(plugged)).not.toContain('import ');
  });

  it('merges semver-compatible implicit imports into the newer version', async () => {
    const c1 = dummy(RES('0.2.0'), 'consumer');
    const c2 = dummy(RES('0.2.3', 'extra: func();'), 'consumer2');
    const out = compose({
      source: `package test:composed;
let a = new test:one { ... };
let b = new test:two { ... };
export a.consume;
export b.other;`,
      deps: { 'test:one': c1, 'test:two': c2 },
    });
    const wit = await componentWit(out);
    expect(wit).toContain('import test:res/types@0.2.3;');
    expect(wit).not.toContain('@0.2.0');
  });

  it('rejects an argument whose resource methods differ, showing both types', () => {
    const consumer = dummy(RES('0.2.0'), 'consumer');
    try {
      compose({
        source: `package test:composed;
import types: interface { resource thing { constructor(n: u32); } make: func() -> thing; };
let c = new test:consumer { types };
export c.consume;`,
        path: 'res.wac',
        deps: { 'test:consumer': consumer },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ComposeError);
      const r = (e as ComposeError).rendered;
      expect(r).toContain('mismatched instantiation argument `test:res/types@0.2.0`');
      expect(r).toContain('[method]thing.get');
      expect(r).toContain('--> res.wac:3:29');
    }
  });
});
