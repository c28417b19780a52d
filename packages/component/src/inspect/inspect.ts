// `inspect`: what a user wants to know about a .wasm file at a glance —
// is it a core module, a component or a wasm-encoded WIT package; what does
// it import and export; which components and core modules are nested inside
// (with sizes); who produced it; which string encodings its canonical
// functions use; which adapters were linked in. The CLI renders the report.

import { binaryKind, decodeComponent } from '../decode-component.js';
import { decodeCoreModule } from '../decode-core-module.js';
import { DecodeError } from '../errors.js';
import type {
  Component,
  ComponentNameSubsection,
  CoreExternType,
  CoreModule,
  CustomSection,
  ExternType,
  Sort,
} from '../model.js';

export type BinaryKind = 'core-module' | 'component' | 'wit-package';

export interface ExternSummary {
  name: string;
  /** The sort or type kind: `func`, `instance`, `type`, `component`, … */
  kind: string;
}

export interface CoreExternSummary {
  module?: string;
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
}

export interface CustomSectionSummary {
  name: string;
  size: number;
}

export interface CoreModuleReport {
  /** From the enclosing component's name section, when present. */
  name?: string;
  size: number;
  imports: CoreExternSummary[];
  exports: CoreExternSummary[];
  customSections: CustomSectionSummary[];
  /** World names found in `component-type:…` custom sections. */
  componentTypeSections: string[];
}

export interface ComponentReport {
  name?: string;
  size: number;
  imports: ExternSummary[];
  exports: ExternSummary[];
  components: ComponentReport[];
  modules: CoreModuleReport[];
  customSections: CustomSectionSummary[];
}

export interface InspectReport {
  kind: BinaryKind;
  size: number;
  /** The top-level component (also for a WIT package), absent for core modules. */
  component?: ComponentReport;
  /** The module itself, for core modules. */
  module?: CoreModuleReport;
  /** `producers` fields (language, processed-by, sdk), merged over the whole file. */
  producers: { field: string; values: { name: string; version: string }[] }[];
  /** String encodings used by `canon lift`/`canon lower` anywhere in the file. */
  stringEncodings: string[];
  /** Names of adapter modules linked in (e.g. `wasi_snapshot_preview1`). */
  adapters: string[];
}

const CORE_KINDS = ['func', 'table', 'memory', 'global', 'tag'] as const;
const ADAPTER_PREFIX = 'wit-component:adapter:';

/** Inspects a core module, a component or a wasm-encoded WIT package. Throws `DecodeError`. */
export function inspectBinary(bytes: Uint8Array): InspectReport {
  const kind = binaryKind(bytes);
  if (kind === null) throw new DecodeError('not a WebAssembly binary (bad magic number or layer)', 0);
  const acc: Accumulator = { producers: new Map(), encodings: new Set(), adapters: new Set() };
  if (kind === 'module') {
    const module = inspectModule(decodeCoreModule(bytes), bytes.length, undefined, acc);
    return { kind: 'core-module', size: bytes.length, module, ...finish(acc) };
  }
  const component = decodeComponent(bytes);
  const report = inspectComponent(component, undefined, acc);
  return {
    kind: isWitPackage(component) ? 'wit-package' : 'component',
    size: bytes.length,
    component: report,
    ...finish(acc),
  };
}

interface Accumulator {
  producers: Map<string, Map<string, string>>;
  encodings: Set<string>;
  adapters: Set<string>;
}

function finish(acc: Accumulator): Pick<InspectReport, 'producers' | 'stringEncodings' | 'adapters'> {
  return {
    producers: [...acc.producers].map(([field, values]) => ({
      field,
      values: [...values].map(([name, version]) => ({ name, version })),
    })),
    stringEncodings: [...acc.encodings].sort(),
    adapters: [...acc.adapters].sort(),
  };
}

/**
 * A wasm-encoded WIT package (what `wasm-tools component wit --wasm` writes)
 * is a component that only defines and exports component types.
 */
function isWitPackage(component: Component): boolean {
  let exportsTypes = false;
  for (const section of component.sections) {
    switch (section.kind) {
      case 'custom':
      case 'type':
        break;
      case 'export':
        if (section.items.some((e) => e.sort !== 'type')) return false;
        exportsTypes ||= section.items.length > 0;
        break;
      default:
        return false;
    }
  }
  return exportsTypes;
}

function externKind(type: ExternType): string {
  return type.kind;
}

function namesOf(component: Component, sort: Sort): Map<number, string> {
  const names = new Map<number, string>();
  for (const section of component.sections) {
    if (section.kind !== 'custom' || section.parsed?.kind !== 'component-name') continue;
    for (const sub of section.parsed.subsections as ComponentNameSubsection[]) {
      if (sub.kind === 'sort' && sub.sort === sort) for (const n of sub.names) names.set(n.index, n.name);
    }
  }
  return names;
}

function componentName(component: Component): string | undefined {
  for (const section of component.sections) {
    if (section.kind !== 'custom' || section.parsed?.kind !== 'component-name') continue;
    for (const sub of section.parsed.subsections) if (sub.kind === 'component') return sub.name;
  }
  return undefined;
}

function noteCustom(section: CustomSection, acc: Accumulator): void {
  if (section.parsed?.kind !== 'producers') return;
  for (const field of section.parsed.fields) {
    let values = acc.producers.get(field.name);
    if (values === undefined) acc.producers.set(field.name, (values = new Map()));
    for (const v of field.values) values.set(v.name, v.version);
  }
}

function inspectComponent(component: Component, name: string | undefined, acc: Accumulator): ComponentReport {
  const report: ComponentReport = {
    name: name ?? componentName(component),
    size: component.range.end - component.range.start,
    imports: [],
    exports: [],
    components: [],
    modules: [],
    customSections: [],
  };
  const moduleNames = namesOf(component, 'core-module');
  const componentNames = namesOf(component, 'component');
  let moduleIndex = 0;
  let componentIndex = 0;
  for (const section of component.sections) {
    switch (section.kind) {
      case 'custom':
        report.customSections.push({ name: section.name, size: section.data.length });
        noteCustom(section, acc);
        break;
      case 'core-module': {
        const moduleName = moduleNames.get(moduleIndex++);
        if (moduleName?.startsWith(ADAPTER_PREFIX)) acc.adapters.add(moduleName.slice(ADAPTER_PREFIX.length));
        report.modules.push(inspectModule(section.module, section.bytes.length, moduleName, acc));
        break;
      }
      case 'component':
        report.components.push(inspectComponent(section.component, componentNames.get(componentIndex++), acc));
        break;
      case 'import':
        for (const item of section.items) report.imports.push({ name: item.name.name, kind: externKind(item.type) });
        break;
      case 'export':
        for (const item of section.items) report.exports.push({ name: item.name.name, kind: item.sort });
        break;
      case 'canon':
        for (const canon of section.items) {
          for (const opt of canon.options ?? []) {
            if (opt.kind === 'utf8' || opt.kind === 'utf16' || opt.kind === 'latin1+utf16') acc.encodings.add(opt.kind);
          }
          // No encoding option means the default, utf8, for functions that lift or lower.
          if (
            (canon.kind === 'lift' || canon.kind === 'lower') &&
            !canon.options?.some((o) => o.kind.startsWith('utf') || o.kind === 'latin1+utf16')
          ) {
            acc.encodings.add('utf8');
          }
        }
        break;
      default:
        break;
    }
  }
  return report;
}

function coreKind(type: CoreExternType): CoreExternSummary['kind'] {
  return type.kind;
}

function inspectModule(module: CoreModule, size: number, name: string | undefined, acc: Accumulator): CoreModuleReport {
  const report: CoreModuleReport = {
    name,
    size,
    imports: [],
    exports: [],
    customSections: [],
    componentTypeSections: [],
  };
  for (const section of module.sections) {
    switch (section.kind) {
      case 'import':
        for (const i of section.imports)
          report.imports.push({ module: i.module, name: i.name, kind: coreKind(i.type) });
        break;
      case 'export':
        for (const e of section.exports) report.exports.push({ name: e.name, kind: CORE_KINDS[e.kind] ?? 'func' });
        break;
      case 'custom':
        report.customSections.push({ name: section.name, size: section.data.length });
        if (section.name.startsWith('component-type')) report.componentTypeSections.push(section.name);
        noteCustom(section, acc);
        break;
      default:
        break;
    }
  }
  return report;
}

export { DecodeError };
