// Targeted checks of the generated bindings: value conventions, names
// (keywords, collisions, builtins), docs, guest module layout, determinism.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePath, resolveSource } from '@wit-ts/wit-parser';
import {
  bindWorld,
  formatFiles,
  generateGuest,
  generateGuestUnformatted,
  generateHost,
  generateHostUnformatted,
  PRETTIER_OPTIONS,
  selectWorld,
  syntheticWorld,
  type GeneratedFile,
} from '../src/index.js';
import { CORPUS, prefixGuestSpecifiers, typecheck } from './corpus.js';
import { shapeOf } from './shape.js';

const CODEGEN = join(CORPUS, 'wit-bindgen-codegen');
const file = (files: GeneratedFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} in ${files.map((x) => x.path).join(', ')}`);
  return f.contents;
};
const checkClean = (files: GeneratedFile[], guest: GeneratedFile[] = []) => {
  const res = typecheck(
    new Map([
      ['host', files],
      ['guest', prefixGuestSpecifiers(guest, 'g')],
    ]),
  );
  expect([...res.errors].map(([f, m]) => `${f}: ${m.join('; ')}`)).toEqual([]);
};

const VALUES = `
package t:v@1.2.3;

/// Value conventions.
interface values {
  /// Some flags.
  flags perms { read, write-all }
  enum color { red, light-blue }
  variant shape { none, circle(f64), named(string) }
  record rec {
    a-field: u64,
    bytes: list<u8>,
    ints: list<s32>,
    longs: list<s64>,
    floats: list<f32>,
    strs: list<string>,
    opt: option<string>,
    opt2: option<option<u8>>,
    tup: tuple<u8, string, bool>,
    res: result<u32, string>,
    m: map<string, u32>,
  }
  resource thing {
    /// Makes a thing.
    constructor(name: string);
    name: func() -> string;
    try-it: func() -> result<u32, color>;
    make: static func() -> thing;
  }
  @since(version = 1.2.0)
  @deprecated(version = 1.2.3)
  old: func() -> result<_, string>;
  go: async func(x: u32) -> u32;
  handles: func(f: future<u32>, s: stream<u8>, e: error-context);
}

world w {
  import values;
  export values;
  import log: func(msg: string);
  export run: func(args: list<string>) -> result<string, string>;
}
`;

describe('value conventions', () => {
  const r = resolveSource(VALUES, 'values.wit');
  const wid = selectWorld(r, 'w');

  it('host types follow the runtime/jco conventions', async () => {
    const files = await generateHost(r, wid);
    const shape = shapeOf('i.d.ts', file(files, 'interfaces/t-v-values.d.ts'));
    expect(shape.get('Perms')).toBe('{read?:boolean;writeAll?:boolean}');
    expect(shape.get('Color')).toBe("'light-blue'|'red'");
    expect(shape.get('Shape')).toBe("{tag:'circle';val:number}|{tag:'named';val:string}|{tag:'none'}");
    expect(shape.get('Rec')).toBe(
      '{aField:bigint;bytes:Uint8Array;floats:Float32Array;ints:Int32Array;longs:BigInt64Array;m:Map<string,number>;' +
        "opt2:{tag:'none'}|{tag:'some';val:number|undefined};opt?:string;" +
        "res:{tag:'err';val:string}|{tag:'ok';val:number};strs:Array<string>;tup:[number,string,boolean]}",
    );
    expect(shape.get('Thing')).toBe('class{name():string;new(name:string);static make():Thing;tryIt():number}');
    expect(shape.get('old')).toBe('fn():void');
    expect(shape.get('go')).toBe('fn(x:number):Promise<number>');
    expect(shape.get('handles')).toBe('fn(f:Future<number>,s:Stream<number>,e:ErrorContext):void');
    const text = file(files, 'interfaces/t-v-values.d.ts');
    expect(text).toContain('@throws {ComponentError}');
    expect(text).toContain('@since 1.2.0');
    expect(text).toContain('@deprecated');
    expect(text).toContain('Some flags.');
    expect(text).toContain('Makes a thing.');
    // Only the exported copy's classes are disposable (guest resources).
    expect(text).not.toContain('Symbol.dispose');
    expect(file(files, 'exports/t-v-values.d.ts')).toContain('[Symbol.dispose](): void;');
    const world = file(files, 'w.ts');
    expect(world).toContain("'t:v/values@1.2.3': typeof");
    expect(world).toMatch(/log\(msg: string\): void;/);
    expect(world).toMatch(/run\(args: string\[\] \| Array<string>\): string;|run\(args: Array<string>\): string;/);
    expect(world).toContain('values: typeof');
    checkClean(files, await generateGuest(r, wid));
  });

  it('guest modules follow jco guest-types', async () => {
    const files = await generateGuest(r, wid);
    expect(files.map((f) => f.path).sort()).toEqual(['interfaces/t-v-values.d.ts', 'w.d.ts', 'wit-types.d.ts']);
    const iface = file(files, 'interfaces/t-v-values.d.ts');
    expect(iface).toContain("declare module 't:v/values@1.2.3' {");
    expect(iface).toContain('[Symbol.dispose](): void;');
    const world = file(files, 'w.d.ts');
    expect(world).toContain("declare module 't:v/w@1.2.3' {");
    expect(world).toContain("export * as values from 't:v/values@1.2.3';");
    expect(world).toContain("export type * as TVValues from 't:v/values@1.2.3';");
    expect(world).toContain('export function run(args: Array<string>): string;');
    // World-level function imports: `import log from 'log'` in componentize-js.
    expect(world).toContain("declare module 'log' {");
    expect(world).toContain('export default function log(msg: string): void;');
  });

  it('is deterministic, and bindWorld returns the same files', async () => {
    expect(generateHostUnformatted(r, wid)).toEqual(generateHostUnformatted(r, wid));
    expect(await bindWorld(r, 'w', { mode: 'host' })).toEqual(await generateHost(r, wid));
    expect(await bindWorld(r, 't:v/w@1.2.3', { mode: 'guest' })).toEqual(await generateGuest(r, wid));
    expect(await bindWorld(r, wid, { mode: 'guest', format: false })).toEqual(generateGuestUnformatted(r, wid));
  });
});

describe('names', () => {
  it('escapes reserved words and keeps the run-time names (keywords.wit)', () => {
    const r = resolvePath(join(CODEGEN, 'keywords.wit'));
    const files = generateHostUnformatted(r, selectWorld(r));
    const text = file(files, 'interfaces/foo-foo-keywords.d.ts');
    const shape = shapeOf('k.d.ts', text);
    // `new`, `default`, `type`, … are exported under their WIT names.
    expect(shape.get('new')).toBe('fn(new_:number):void');
    expect(shape.get('default')).toBe('fn(default_:number):void');
    expect(shape.get('type')).toBe('fn(type:number):[number,number]');
    expect(text).toContain('new_ as new');
    expect(shape.get('For')).toBe('{return:number}');
    checkClean(files, generateGuestUnformatted(r, selectWorld(r)));
  });

  it('keeps same-named types of different interfaces apart (guest-name.wit)', () => {
    const r = resolvePath(join(CODEGEN, 'guest-name.wit'));
    const host = generateHostUnformatted(r, selectWorld(r));
    const paths = host.map((f) => f.path).sort();
    expect(paths).toEqual([
      'another-guest.ts',
      'exports/foo-bar-guest.d.ts',
      'exports/foo-bar-i1.d.ts',
      'exports/foo-bar-i2.d.ts',
      'exports/foo-bar-i3.d.ts',
      'exports/foo-bar-i4.d.ts',
      'exports/foo-bar-other-guest.d.ts',
      'interfaces/foo-bar-guest.d.ts',
      'interfaces/foo-bar-other-guest.d.ts',
    ]);
    expect(shapeOf('a', file(host, 'exports/foo-bar-i1.d.ts')).get('Guest')).toBe("'a'|'b'|'c'");
    expect(shapeOf('a', file(host, 'exports/foo-bar-i3.d.ts')).get('Guest')).toBe('{x:number}');
    expect(shapeOf('a', file(host, 'exports/foo-bar-i2.d.ts')).get('Guest')).toBe('Guest');
    checkClean(host, generateGuestUnformatted(r, selectWorld(r)));
  });

  it('shadowed builtins and colliding names still type-check', async () => {
    const src = `
package t:names;
interface %map {
  record %map { x: u32 }
  record promise { p: u32 }
  resource symbol { constructor(); name: static func() -> string; length: static func() -> u32; }
  record uint8-array { a: list<u8> }
  record array { a: list<string> }
  m: func(m: map<string, %map>) -> list<promise>;
  a: async func(s: borrow<symbol>) -> uint8-array;
}
interface other {
  use %map.{%map};
  record map2 { inner: %map }
  type other = %map;
}
world map-world {
  import %map;
  export %map;
  import other;
  export other;
  record map-world-imports { x: u32 }
  import component-error: func() -> map-world-imports;
}
`;
    const r = resolveSource(src, 'names.wit');
    const wid = selectWorld(r, 'map-world');
    const host = await generateHost(r, wid);
    const world = file(host, 'map-world.ts');
    expect(world).toContain('export interface MapWorldImports2 {');
    expect(file(host, 'exports/t-names-map.d.ts')).toContain('globalThis.Map<string, Map>');
    expect(file(host, 'exports/t-names-map.d.ts')).toContain('static name_(): string;');
    checkClean(host, await generateGuest(r, wid));
  });

  it('synthetic worlds export every interface of a world-less package', () => {
    const r = resolvePath(join(CORPUS, 'wit-component-interfaces/use-chain.wit'));
    const pid = r.main!;
    expect(r.packages[pid].worlds.size).toBe(0);
    const s = syntheticWorld(r, pid);
    expect(r.worlds.length).toBe(s.resolve.worlds.length - 1);
    const host = generateHostUnformatted(s.resolve, s.worldId);
    expect(host.length).toBeGreaterThan(1);
    checkClean(host, generateGuestUnformatted(s.resolve, s.worldId));
  });

  it('host classes satisfy imported resources (constructor types), and mismatches are rejected', async () => {
    const src = `
package t:res;
interface store {
  resource blob {
    constructor(data: list<u8>);
    size: func() -> u64;
    concat: static func(a: borrow<blob>, b: borrow<blob>) -> blob;
  }
  resource handle { read: func() -> string; }
  open: func(name: string) -> result<handle, string>;
}
world host-res { import store; export run: func() -> string; }
`;
    const r = resolveSource(src, 'res.wit');
    const host = await generateHost(r, selectWorld(r, 'host-res'));
    expect(file(host, 'interfaces/t-res-store.d.ts')).toContain('throw `new ComponentError(payload)`');
    const usage = `import { ComponentError, type HostResImports } from './host-res.js';
class Blob {
  #data: Uint8Array;
  constructor(data: Uint8Array) { this.#data = data; }
  size(): bigint { return BigInt(this.#data.length); }
  static concat(a: Blob, b: Blob): Blob { return new Blob(new Uint8Array(Number(a.size() + b.size()))); }
}
class Handle {
  constructor(readonly name: string) {}
  read(): string { return this.name; }
}
export const imports: HostResImports = {
  't:res/store': {
    Blob,
    Handle,
    open(name: string): Handle {
      if (name === '') throw new ComponentError('empty name');
      return new Handle(name);
    },
  },
};
class NoStatics { size(): bigint { return 0n; } }
export const bad: HostResImports = {
  // @ts-expect-error the class lacks the static \`concat\`
  't:res/store': { Blob: NoStatics, Handle, open: (n: string) => new Handle(n) },
};
`;
    checkClean([...host, { path: 'usage.ts', contents: usage }]);
  });
});

describe('formatting', () => {
  it("formatFiles runs prettier; format: 'prettier' is opt-in and changes nothing", async () => {
    const prettier = await import('prettier');
    const text = "export type  A = 'a'|'b'\nexport interface B { x: A }\n";
    const files = [
      { path: 'a.d.ts', contents: text },
      { path: 'b.d.ts', contents: text },
    ];
    const fresh = await prettier.format(text, PRETTIER_OPTIONS);
    const first = await formatFiles(files);
    expect(first.map((f) => f.contents)).toEqual([fresh, fresh]);
    expect(first.map((f) => f.path)).toEqual(['a.d.ts', 'b.d.ts']);
    await expect(formatFiles([{ path: 'bad.ts', contents: 'export type = ;' }])).rejects.toThrow();
    const r = resolveSource(
      'package t:v@1.2.3;\ninterface i { f: func(a: string) -> result<list<u8>, string>; }\nworld w { import i; export i; }\n',
      'fmt.wit',
    );
    const wid = selectWorld(r, 'w');
    for (const mode of ['host', 'guest'] as const) {
      const plain = mode === 'host' ? generateHostUnformatted(r, wid) : generateGuestUnformatted(r, wid);
      expect(await bindWorld(r, wid, { mode })).toEqual(plain);
      expect(await bindWorld(r, wid, { mode, format: 'prettier' })).toEqual(plain);
    }
    expect(await generateHost(r, wid, { format: 'prettier' })).toEqual(await generateHost(r, wid));
  });
});
