/**
 * Regressions found by the WAST conformance runner and the component
 * builder: external visibility of types (validation/external-visibility.wast),
 * annotated names in inline instances (validation/annotated-names.wast), the
 * validator false positive on components that instantiate a shim with a
 * root-defined type, and decoder checks Binary.md requires
 * (binary/binary.wast).
 */
import { componentEmbed, componentNew as jcoComponentNew, parse } from '@bytecodealliance/jco';
import { resolveSource } from '@wit-ts/wit-parser';
import { describe, expect, it } from 'vitest';
import { componentNew, embedComponentType } from '../src/build/index.js';
import { decodeComponent, DecodeError, validateComponent } from '../src/index.js';

async function issues(watSource: string): Promise<string[]> {
  return validateComponent(decodeComponent(await parse(watSource))).map((i) => i.message);
}

function hex(s: string): Uint8Array {
  return Uint8Array.from(
    s
      .replace(/\s+/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16)),
  );
}

const LIFT_F = `(core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))`;

describe('external visibility', () => {
  it('checks instance types when an import/export uses them', async () => {
    const I = `(type $I (instance
      (type $Rec (record (field "x" u32)))
      (type $Rec2 (record (field "r" $Rec)))
      (export "t" (type (eq $Rec2)))))`;
    // Definable on its own ...
    expect(await issues(`(component ${I})`)).toEqual([]);
    // ... but not usable by an import or export.
    expect(await issues(`(component ${I} (import "i" (type (eq $I))))`)).toEqual([
      'type not valid to be used as import',
    ]);
    expect(await issues(`(component ${I} (export "i" (type $I)))`)).toEqual(['type not valid to be used as export']);
    expect(await issues(`(component ${I} (import "i" (instance (type $I))))`)).toEqual([
      'instance not valid to be used as import',
    ]);
  });

  it('lets an instance type name types through its own type exports', async () => {
    expect(
      await issues(`(component
        (type $I (instance
          (type $Rec (record (field "x" u32)))
          (export "rec" (type $Rec' (eq $Rec)))
          (export "f" (func (param "x" $Rec')))))
        (import "i" (instance $i (type $I)))
        (alias export $i "rec" (type $R))
        (import "g" (func (param "x" $R))))`),
    ).toEqual([]);
    expect(
      await issues(`(component
        (import "i" (instance
          (type $Rec (record (field "x" u32)))
          (export "rec" (type (eq $Rec)))
          (export "f" (func (param "x" $Rec))))))`),
    ).toEqual(['instance not valid to be used as import']);
  });

  it('checks component types when they are defined', async () => {
    expect(
      await issues(`(component (type (component
        (type $Rec (record (field "x" u32)))
        (export "f" (func (param "x" $Rec))))))`),
    ).toEqual(['func not valid to be used as export']);
    expect(
      await issues(`(component (type (component
        (type $Rec (record (field "x" u32)))
        (type $Rec2 (record (field "r" $Rec)))
        (export "t" (type (eq $Rec2))))))`),
    ).toEqual(['type not valid to be used as export']);
    expect(
      await issues(`(component (type (component
        (type $Rec (record (field "x" u32)))
        (export "t" (type $T (eq $Rec)))
        (export "f" (func (param "x" $T))))))`),
    ).toEqual([]);
  });

  it('does not let an import of a component type use a preceding export', async () => {
    // external-visibility.wast:394: "imported types cannot transitively refer
    // to the external names of exported types" holds inside component types too.
    expect(
      await issues(`(component (type (component
        (export "r" (type $R (sub resource)))
        (import "f" (func (result (own $R)))))))`),
    ).toEqual(['func not valid to be used as import']);
    expect(
      await issues(`(component (type (component
        (import "r" (type $R (sub resource)))
        (export "f" (func (result (own $R)))))))`),
    ).toEqual([]);
  });

  it('does not count types aliased out of an unexported instantiated child as named', async () => {
    const C = `(component $C
        (type $Rec (record (field "x" u32)))
        (export "t" (type $Rec)))
      (instance $c (instantiate $C))`;
    expect(
      await issues(`(component ${LIFT_F} ${C}
        (alias export $c "t" (type $Rec))
        (func $f (param "r" $Rec) (canon lift (core func $i "f")))
        (export "f" (func $f)))`),
    ).toContain('func not valid to be used as export');
    expect(
      await issues(`(component ${LIFT_F} ${C}
        (export $c' "i" (instance $c))
        (alias export $c' "t" (type $Rec))
        (func $f (result $Rec) (canon lift (core func $i "f")))
        (export "f" (func $f)))`),
    ).toEqual([]);
  });

  it('does not let a re-exported child instance carry unnamed types', async () => {
    expect(
      await issues(`(component
        (component $A
          ${LIFT_F}
          (type $Rec (record (field "x" u32)))
          (export $Rec' "t" (type $Rec))
          (func $f (result $Rec') (canon lift (core func $i "f")))
          (instance $bag (export "f" (func $f)))
          (export "i" (instance $bag)))
        (instance $a (instantiate $A))
        (export "i2" (instance $a "i")))`),
    ).toEqual(['instance not valid to be used as export']);
  });

  it('gives outer-aliased parent imports/exports no name in a child', async () => {
    expect(
      await issues(`(component
        (type $Rec (record (field "x" u32)))
        (import "t" (type $Rec' (eq $Rec)))
        (component (import "f" (func (result $Rec')))))`),
    ).toEqual(['func not valid to be used as import']);
    expect(
      await issues(`(component
        (type $Rec (record (field "x" u32)))
        (export $Rec' "t" (type $Rec))
        (component ${LIFT_F}
          (func $f (result $Rec') (canon lift (core func $i "f")))
          (export "f" (func $f))))`),
    ).toEqual(['func not valid to be used as export']);
  });

  it('threads names through instantiation with type arguments', async () => {
    expect(
      await issues(`(component
        (type $Rec (record (field "x" u32)))
        (import "t" (type $Rec' (eq $Rec)))
        (component $C
          (type $Rec (record (field "x" u32)))
          (import "t" (type $Rec' (eq $Rec)))
          (type $Rec2 (record (field "r" $Rec')))
          (export "t2" (type $Rec2)))
        (instance $c (instantiate $C (with "t" (type $Rec'))))
        (export "t2" (type $c "t2")))`),
    ).toEqual([]);
  });

  it('accepts an instantiated shim exporting a root-defined resource (jco output)', async () => {
    const witSource = 'package a:b; interface e { resource q { get: func() -> u32; } } world w { export e; }';
    const bytes = await jcoComponentNew(await componentEmbed({ dummy: true, witSource, world: 'w' }));
    expect(validateComponent(decodeComponent(bytes))).toEqual([]);
  });

  it('accepts shims exporting types that refer to each other (our builder)', () => {
    // wit-bindgen-codegen/allow-unused.wit: the shim's exported variant refers
    // to its exported enum and record; all three reach the root instance.
    const resolve = resolveSource(
      `package foo:bar;
      world bindings { export component; }
      interface component {
        variant unused-variant { %enum(unused-enum), %record(unused-record) }
        enum unused-enum { unused }
        record unused-record { x: u32 }
        resource q { get: func(v: unused-variant) -> unused-record; }
      }`,
      'x.wit',
    );
    const id = resolve.packages[resolve.main!].worlds.get('bindings')!;
    const bytes = componentNew(embedComponentType(undefined, resolve, id, { dummy: true }));
    expect(validateComponent(decodeComponent(bytes))).toEqual([]);
  });
});

describe('annotated names', () => {
  it('gives a resource exported by an inline instance no name for the instance functions', async () => {
    expect(
      await issues(`(component
        (type $T (resource (rep i32)))
        (core module $m (func (export "a") (result i32) unreachable))
        (core instance $i (instantiate $m))
        (func $f (result (own $T)) (canon lift (core func $i "a")))
        (instance
          (export "a" (type $T))
          (export "[constructor]a" (func $f))))`),
    ).toEqual(['resource used in function does not have a name in this context']);
  });
});

describe('decoder', () => {
  const decodeError = (bytes: Uint8Array): string => {
    try {
      decodeComponent(bytes);
    } catch (e) {
      if (e instanceof DecodeError) return e.message;
      throw e;
    }
    return 'accepted';
  };

  it('rejects core module sections out of order (lazily decoded modules too)', () => {
    const bytes = hex('0061736d0d000100 0111 0061736d01000000 010100 0b0100 010100');
    expect(decodeError(bytes)).toMatch(/section out of order/);
    expect(() => decodeComponent(bytes, { eagerModules: true })).toThrow(/section out of order/);
    // type, import, tag(13), global(6), data count(12), code(10): in order.
    const ok = hex('0061736d0d000100 011a 0061736d01000000 010100 020100 0d0100 060100 0c0100 0a0100');
    expect(decodeError(ok)).toBe('accepted');
  });

  it('requires 0x12 (instance) as the core instantiation argument kind', () => {
    const bytes = hex(
      '0061736d0d000100 0108 0061736d01000000 0204 01 000000 0108 0061736d01000000 0208 01 000101 0169 0000',
    );
    expect(decodeError(bytes)).toMatch(/invalid leading byte \(0x0\) for instantiation arg kind/);
  });

  it('rejects outer aliases of sorts outside outeraliassort', () => {
    expect(decodeError(hex('0061736d0d000100 06050101020000'))).toMatch(
      /invalid leading byte \(0x1\) for component outer alias kind/,
    );
    expect(decodeError(hex('0061736d0d000100 0503 01 0100 0605 01 05020000'))).toMatch(/invalid leading byte \(0x5\)/);
    // type (0x03) and component (0x04) outer aliases still decode.
    expect(decodeError(hex('0061736d0d000100 0605 01 03020000'))).toBe('accepted');
  });
});

describe('re-exported instances', () => {
  it('accepts re-exporting an instance a dependency exports, typed by its own type exports', async () => {
    // $inner exports "foo" (a new identity) and a function typed by it; $dep
    // exports the instance; the outer component aliases and re-exports it.
    // The function keeps referring to the instance's own `foo` (wasmparser
    // accepts: exporting an instance names its type exports as they are).
    const wat = `(component
      (component $dep
        (type $r0 (record (field "foo" u8)))
        (import "foo" (type $r (eq $r0)))
        (import "f" (func $f (result $r)))
        (component $inner
          (type $q0 (record (field "foo" u8)))
          (import "t" (type $t (eq $q0)))
          (import "g" (func $g (result $t)))
          (export $t2 "foo" (type $t))
          (export "my-func" (func $g) (func (result $t2))))
        (instance $i (instantiate $inner (with "t" (type $r)) (with "g" (func $f))))
        (export "iface" (instance $i)))
      (type $r (record (field "foo" u8)))
      (import "foo" (type $t (eq $r)))
      (import "f" (func $f (result $t)))
      (instance $d (instantiate $dep (with "foo" (type $t)) (with "f" (func $f))))
      (alias export $d "iface" (instance $x))
      (export "out" (instance $x))
      (export "out2" (instance $x)))`;
    expect(await issues(wat)).toEqual([]);
    // Still rejected: an exported instance whose function uses a type that
    // neither the instance nor an import/export names (in $dep, and again
    // where the outer component re-exports it).
    expect(
      await issues(`(component
        (component $dep
          (type $r0 (record (field "foo" u8)))
          (import "f" (func $f (result $r0)))
          (instance $i (export "g" (func $f)))
          (export "iface" (instance $i)))
        (type $r (record (field "foo" u8)))
        (import "foo" (type $t (eq $r)))
        (import "f" (func $f (result $t)))
        (instance $d (instantiate $dep (with "f" (func $f))))
        (alias export $d "iface" (instance $x))
        (export "out" (instance $x)))`),
    ).toEqual([
      'func not valid to be used as import', // in $dep
      'instance not valid to be used as export', // in $dep
      'instance not valid to be used as export', // the re-export
    ]);
  });
});
