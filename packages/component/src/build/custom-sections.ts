/**
 * The custom sections `new` adds: `component-name` (names of core modules,
 * core instances, instances, functions… like wit-component's debug names)
 * and `producers` (`processed-by wit-ts`), plus the merge of the metadata's
 * producers into the main module's own `producers` section.
 */
import { decodeCoreModule } from '../decode-core-module.js';
import type { ComponentNameSubsection, CustomSection, ProducersField, Sort } from '../model.js';
import { DEFAULT_PRODUCER } from '../wit/encode.js';
import { Writer } from '../writer.js';

const meta = () => ({ range: { start: 0, end: 0 }, sizeWidth: 0, padLog: null });

/** Subsection order of wit-component's `component-name` section. */
const NAME_ORDER: Sort[] = [
  'core-func',
  'core-table',
  'core-memory',
  'core-global',
  'core-tag',
  'core-type',
  'core-module',
  'core-instance',
  'instance',
  'func',
  'value',
  'type',
  'component',
];

/** The `component-name` section for `names` (null when nothing is named). */
export function componentNameSection(names: Map<Sort, Map<number, string>>): CustomSection | null {
  const subsections: ComponentNameSubsection[] = [];
  for (const sort of NAME_ORDER) {
    const m = names.get(sort);
    if (m === undefined || m.size === 0) continue;
    const entries = [...m].sort((a, b) => a[0] - b[0]).map(([index, name]) => ({ index, name }));
    subsections.push({ kind: 'sort', sort, names: entries, sizeWidth: 0 });
  }
  if (subsections.length === 0) return null;
  return {
    ...meta(),
    id: 0,
    kind: 'custom',
    name: 'component-name',
    data: new Uint8Array(0),
    parsed: { kind: 'component-name', subsections },
    componentType: false,
  };
}

/** Merges `add` into `into` (wasm-metadata's rule: same field and name → the later version wins; order kept). */
export function mergeProducers(into: ProducersField[], add: ProducersField[]): ProducersField[] {
  const out = into.map((f) => ({ name: f.name, values: f.values.map((v) => ({ ...v })) }));
  for (const f of add) {
    let field = out.find((x) => x.name === f.name);
    if (field === undefined) out.push((field = { name: f.name, values: [] }));
    for (const v of f.values) {
      const hit = field.values.find((x) => x.name === v.name);
      if (hit !== undefined) hit.version = v.version;
      else field.values.push({ ...v });
    }
  }
  return out;
}

/** The component-level `producers` section: `processed-by wit-ts <version>`. */
export function componentProducersSection(): CustomSection {
  return {
    ...meta(),
    id: 0,
    kind: 'custom',
    name: 'producers',
    data: new Uint8Array(0),
    parsed: { kind: 'producers', fields: [{ name: 'processed-by', values: [{ ...DEFAULT_PRODUCER }] }] },
    componentType: false,
  };
}

function encodeProducers(fields: ProducersField[]): Uint8Array {
  const w = new Writer();
  w.u32(fields.length);
  for (const f of fields) {
    w.name(f.name);
    w.u32(f.values.length);
    for (const v of f.values) {
      w.name(v.name);
      w.name(v.version);
    }
  }
  return w.finish();
}

/**
 * Like wit-component, the producers of the `component-type` metadata are
 * merged into the module's `producers` section (replaced in place, or
 * appended when the module has none). Returns `module` unchanged when there
 * is nothing to add.
 */
export function addProducersToModule(module: Uint8Array, add: ProducersField[]): Uint8Array {
  if (add.length === 0) return module;
  const decoded = decodeCoreModule(module);
  let existing: ProducersField[] = [];
  let at: { start: number; end: number } | null = null;
  for (const s of decoded.sections) {
    if (s.kind === 'custom' && s.name === 'producers') {
      if (s.parsed?.kind !== 'producers') return module; // unparsable: leave it alone
      existing = s.parsed.fields;
      at = s.range;
      break;
    }
  }
  const body = new Writer();
  body.name('producers');
  body.bytes(encodeProducers(mergeProducers(existing, add)));
  const payload = body.finish();
  const section = new Writer();
  section.u8(0);
  section.u32(payload.length);
  section.bytes(payload);
  const bytes = section.finish();
  const before = at === null ? module : module.subarray(0, at.start);
  const after = at === null ? new Uint8Array(0) : module.subarray(at.end);
  const out = new Uint8Array(before.length + bytes.length + after.length);
  out.set(before, 0);
  out.set(bytes, before.length);
  out.set(after, before.length + bytes.length);
  return out;
}
