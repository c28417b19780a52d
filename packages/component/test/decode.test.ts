/**
 * Decoding details: a hand-built model exercising the forms the text
 * assembler cannot produce (maps, fixed-length lists, async function types,
 * every canon built-in, name attributes, values, start), decoded structures
 * of assembled components, and typed errors for malformed input.
 */
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import {
  CANON_FORMS,
  DecodeError,
  binaryKind,
  decodeComponent,
  encodeComponent,
  type Canon,
  type Component,
  type ComponentSection,
  type SectionMeta,
  Writer,
} from '../src/index.js';

const meta = (): SectionMeta => ({ range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null });

/** Drop positions and encoding bookkeeping so models can be compared. */
function strip(x: unknown): unknown {
  if (x instanceof Uint8Array) return Array.from(x);
  if (Array.isArray(x)) return x.map(strip);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === 'range' || k === 'offset' || k === 'offsets' || k === 'padLog' || k === 'sizeWidth' || k === 'opcode')
        continue;
      out[k] = strip(v);
    }
    return out;
  }
  return x;
}

function allCanons(): Canon[] {
  const out: Canon[] = [];
  for (const [opcode, form] of CANON_FORMS) {
    const c: Canon = { kind: form.kind, opcode, offset: 0 };
    for (const imm of form.imms) {
      if (imm === 'coreFunc') c.coreFunc = 1;
      else if (imm === 'func') c.func = 2;
      else if (imm === 'opts')
        c.options = [
          { kind: 'utf16' },
          { kind: 'memory', index: 0 },
          { kind: 'realloc', index: 3 },
          { kind: 'post-return', index: 4 },
          { kind: 'async' },
          { kind: 'callback', index: 5 },
        ];
      else if (imm === 'type') c.type = 7;
      else if (imm === 'async?') c.async = true;
      else if (imm === 'cancel?') c.cancellable = true;
      else if (imm === 'shared?') c.shared = false;
      else if (imm === 'result') c.result = 'u32';
      else if (imm === 'valType') c.valType = 0x7f;
      else if (imm === 'index') c.index = 1;
      else if (imm === 'memory') c.memory = 0;
      else if (imm === 'coreType') c.coreType = 2;
      else if (imm === 'table') c.table = 0;
    }
    out.push(c);
  }
  return out;
}

function handBuilt(): Component {
  const sections: ComponentSection[] = [
    {
      ...meta(),
      id: 7,
      kind: 'type',
      items: [
        { offset: 0, type: { kind: 'map', key: 'u32', value: 'string' } },
        { offset: 0, type: { kind: 'fixed-list', element: 'u8', length: 4 } },
        { offset: 0, type: { kind: 'func', async: true, params: [{ name: 'm', type: 0 }], result: 'error-context' } },
        { offset: 0, type: { kind: 'future', element: 'u32' } },
        { offset: 0, type: { kind: 'stream', element: null } },
        { offset: 0, type: { kind: 'result', ok: null, err: null } },
        {
          offset: 0,
          type: {
            kind: 'variant',
            cases: [
              { name: 'a', type: null, refines: null },
              { name: 'b', type: 1, refines: null },
            ],
          },
        },
        { offset: 0, type: { kind: 'resource', rep: 0x7f, dtor: 3 } },
        { offset: 0, type: { kind: 'own', type: 7 } },
        { offset: 0, type: { kind: 'list', element: 200 } }, // 2-byte s33 type index
        {
          offset: 0,
          type: {
            kind: 'instance',
            decls: [
              {
                kind: 'export',
                offset: 0,
                name: { tag: 0, name: 'r', attributes: [] },
                type: { kind: 'type', bound: { kind: 'sub-resource' } },
              },
              { kind: 'type', offset: 0, type: { kind: 'borrow', type: 0 } },
              {
                kind: 'alias',
                offset: 0,
                alias: { sort: 'type', target: { kind: 'outer', count: 1, index: 0 }, offset: 0 },
              },
              {
                kind: 'core-type',
                offset: 0,
                type: { kind: 'module', offset: 0, decls: [{ kind: 'alias', count: 1, index: 0 }] },
              },
            ],
          },
        },
        {
          offset: 0,
          type: {
            kind: 'component',
            decls: [
              {
                kind: 'import',
                offset: 0,
                name: { tag: 1, name: 'x', attributes: [] },
                type: { kind: 'value', bound: { kind: 'type', type: 'bool' } },
              },
            ],
          },
        },
      ],
    },
    {
      ...meta(),
      id: 3,
      kind: 'core-type',
      items: [
        {
          kind: 'rec',
          offset: 0,
          prefixed: true,
          rec: {
            explicit: false,
            types: [
              {
                form: 'sub',
                supertypes: [],
                shared: false,
                comp: { kind: 'struct', fields: [{ storage: 0x78, mutable: 1 }] },
              },
            ],
          },
        },
        {
          kind: 'rec',
          offset: 0,
          prefixed: false,
          rec: {
            explicit: true,
            types: [
              {
                form: 'final',
                supertypes: [0],
                shared: false,
                comp: {
                  kind: 'array',
                  field: { storage: { kind: 'ref', nullable: true, heap: { kind: 'index', index: 1 } }, mutable: 0 },
                },
              },
              {
                form: 'plain',
                supertypes: [],
                shared: true,
                comp: {
                  kind: 'func',
                  params: [
                    0x7b,
                    { kind: 'ref', nullable: false, heap: { kind: 'abstract', code: 0x6e, shared: true } },
                  ],
                  results: [0x70],
                },
              },
            ],
          },
        },
      ],
    },
    {
      ...meta(),
      id: 10,
      kind: 'import',
      items: [
        {
          offset: 0,
          name: {
            tag: 2,
            name: 'i',
            attributes: [
              { kind: 'implements', name: 'a:b/c@1.0.0' },
              { kind: 'version-suffix', suffix: '.2' },
              { kind: 'external-id', id: 'xyz' },
            ],
          },
          type: { kind: 'instance', type: 10 },
        },
      ],
    },
    { ...meta(), id: 8, kind: 'canon', items: allCanons() },
    {
      ...meta(),
      id: 12,
      kind: 'value',
      items: [{ offset: 0, type: 'u32', bytes: new Uint8Array([0xe5, 0x8e, 0x26]) }],
    },
    { ...meta(), id: 9, kind: 'start', start: { func: 0, args: [0], results: 1, offset: 0 } },
    {
      ...meta(),
      id: 11,
      kind: 'export',
      items: [
        {
          offset: 0,
          name: { tag: 0, name: 'v', attributes: [] },
          sort: 'value',
          index: 1,
          type: { kind: 'value', bound: { kind: 'eq', index: 1 } },
        },
      ],
    },
    {
      ...meta(),
      id: 0,
      kind: 'custom',
      name: 'component-name',
      data: new Uint8Array(0),
      componentType: false,
      parsed: {
        kind: 'component-name',
        subsections: [
          { kind: 'component', name: 'top', sizeWidth: 0 },
          { kind: 'sort', sort: 'core-func', names: [{ index: 0, name: 'f' }], sizeWidth: 0 },
        ],
      },
    },
    {
      ...meta(),
      id: 0,
      kind: 'custom',
      name: 'producers',
      data: new Uint8Array(0),
      componentType: false,
      parsed: { kind: 'producers', fields: [{ name: 'language', values: [{ name: 'Rust', version: '1.80' }] }] },
    },
    {
      ...meta(),
      id: 0,
      kind: 'custom',
      name: 'component-type:wit-bindgen:0.1:root:encoded world',
      data: new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]),
      componentType: true,
      parsed: null,
    },
  ];
  return { version: 0x0d, layer: 1, sections, range: { start: 0, end: 0 } };
}

describe('decode', () => {
  it('decodes every form of a hand-built model back to the same model', () => {
    const model = handBuilt();
    const bytes = encodeComponent(model);
    expect(binaryKind(bytes)).toBe('component');
    const decoded = decodeComponent(bytes);
    // Custom payload bytes are kept raw on decode; compare the parsed form.
    const norm = (c: Component) =>
      strip({ ...c, sections: c.sections.map((s) => (s.kind === 'custom' ? { ...s, data: undefined } : s)) });
    expect(norm(decoded)).toEqual(norm(model));
    expect(Array.from(encodeComponent(decoded))).toEqual(Array.from(bytes));
    const canon = decoded.sections.find((s) => s.kind === 'canon');
    console.log(
      `[decode] canon forms covered: ${canon?.kind === 'canon' ? canon.items.length : 0}/${CANON_FORMS.size}`,
    );
  });

  it('decodes assembled components: names, producers, nested modules lazily', async () => {
    const bytes = await parse(`(component $top
      (core module $m (func (export "f")) (memory (export "mem") 1))
      (core instance $i (instantiate $m))
      (type $r (resource (rep i32)))
      (func $g (canon lift (core func $i "f")))
      (export "g" (func $g))
      (@producers (language "wat" "1"))
    )`);
    const c = decodeComponent(bytes);
    const mod = c.sections.find((s) => s.kind === 'core-module');
    expect(mod?.kind).toBe('core-module');
    if (mod?.kind !== 'core-module') return;
    expect(mod.decoded).toBe(false);
    const exp = mod.module.sections.find((s) => s.kind === 'export');
    expect(mod.decoded).toBe(true);
    expect(exp?.kind === 'export' && exp.exports.map((e) => e.name)).toEqual(['f', 'mem']);
    const names = c.sections.find((s) => s.kind === 'custom' && s.name === 'component-name');
    expect(names?.kind === 'custom' && names.parsed?.kind).toBe('component-name');
    if (names?.kind === 'custom' && names.parsed?.kind === 'component-name') {
      expect(names.parsed.subsections[0]).toMatchObject({ kind: 'component', name: 'top' });
    }
    const producers = c.sections.find((s) => s.kind === 'custom' && s.name === 'producers');
    expect(producers?.kind === 'custom' && producers.parsed).toMatchObject({
      kind: 'producers',
      fields: [{ name: 'language', values: [{ name: 'wat', version: '1' }] }],
    });
  });

  it('reports malformed input as DecodeError with offsets', () => {
    const pre = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    const err = (b: number[]) => {
      try {
        decodeComponent(new Uint8Array(b));
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
        return (e as DecodeError).message;
      }
      return 'no error';
    };
    expect(err([0x00, 0x61, 0x73])).toBe('unexpected end of component preamble at offset 0x0');
    expect(err([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])).toMatch(/expected a component, found a core module/);
    expect(err([...pre, 0x07, 0x02, 0x01, 0x5a])).toBe('invalid type form 0x5a at offset 0xb');
    expect(err([...pre, 0x07, 0x05, 0x01])).toMatch(/section size 5 exceeds remaining 1 bytes/);
    expect(err([...pre, 0x07, 0x02, 0x01, 0x70])).toBe('unexpected end of section at offset 0xc');
    expect(err([...pre, 0x08, 0x02, 0x01, 0x7e])).toBe('invalid canonical function opcode 0x7e at offset 0xb');
    expect(err([...pre, 0x0d, 0x00])).toBe('invalid component section id 13 at offset 0x8');
    expect(err([...pre, 0x07, 0x03, 0x01, 0x7f, 0x00])).toBe('unexpected trailing bytes in type section at offset 0xc');
    // Deep nesting is a DecodeError, not a stack overflow.
    const deep: number[] = [];
    for (let i = 0; i < 5000; i++) deep.push(0x42, 0x01, 0x01);
    const size = new Writer();
    size.u32(deep.length + 1);
    expect(err([...pre, 0x07, ...size.finish(), 0x01, ...deep])).toMatch(/^nesting deeper than 100 levels at offset/);
  });
});
