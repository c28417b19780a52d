// `wit-ts inspect <file.wasm>`: a one-screen summary of a core module,
// component or wasm-encoded WIT package.

import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import {
  DecodeError,
  inspectBinary,
  type ComponentReport,
  type CoreModuleReport,
  type InspectReport,
} from '@wit-ts/component';
import { EXIT_INVALID, EXIT_OK } from '../exit.js';
import { errorLine, type Output } from '../output.js';
import { requireExistingPath } from '../paths.js';

export interface InspectOptions {
  json?: boolean;
}

export function runInspect(path: string, options: InspectOptions, out: Output): number {
  requireExistingPath(path);
  const bytes = readFileSync(path);
  let report: InspectReport;
  try {
    report = inspectBinary(bytes);
  } catch (err) {
    if (err instanceof DecodeError) {
      errorLine(out, `${path}: ${err.message}`);
      return EXIT_INVALID;
    }
    throw err;
  }
  if (options.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else out.stdout(renderReport(path, report, out.color));
  return EXIT_OK;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

const KIND_LABEL: Record<InspectReport['kind'], string> = {
  'core-module': 'core module',
  component: 'component',
  'wit-package': 'WIT package (wasm-encoded)',
};

function renderReport(path: string, report: InspectReport, color: boolean): string {
  const bold = color ? pc.bold : (s: string) => s;
  const dim = color ? pc.dim : (s: string) => s;
  const lines: string[] = [`${bold(path)}: ${KIND_LABEL[report.kind]}, ${formatSize(report.size)}`];
  for (const p of report.producers) {
    lines.push(`${p.field}: ${p.values.map((v) => (v.version ? `${v.name} ${v.version}` : v.name)).join(', ')}`);
  }
  if (report.stringEncodings.length > 0) lines.push(`string encodings: ${report.stringEncodings.join(', ')}`);
  if (report.adapters.length > 0) lines.push(`adapters: ${report.adapters.join(', ')}`);
  if (report.module !== undefined) renderModuleDetail(report.module, lines, dim);
  if (report.component !== undefined) renderComponent(report.component, lines, '', dim, report.kind === 'wit-package');
  return `${lines.join('\n')}\n`;
}

function renderModuleDetail(module: CoreModuleReport, lines: string[], dim: (s: string) => string): void {
  lines.push('', `imports (${module.imports.length}):`);
  for (const i of module.imports) lines.push(`  ${i.kind.padEnd(7)} ${i.module}::${i.name}`);
  lines.push('', `exports (${module.exports.length}):`);
  for (const e of module.exports) lines.push(`  ${e.kind.padEnd(7)} ${e.name}`);
  if (module.componentTypeSections.length > 0) {
    lines.push('', `component-type sections: ${module.componentTypeSections.join(', ')}`);
  }
  if (module.customSections.length > 0) {
    lines.push(
      '',
      dim(`custom sections: ${module.customSections.map((c) => `${c.name} (${formatSize(c.size)})`).join(', ')}`),
    );
  }
}

function renderComponent(
  c: ComponentReport,
  lines: string[],
  indent: string,
  dim: (s: string) => string,
  witPackage: boolean,
): void {
  if (!witPackage) {
    lines.push('', `${indent}imports (${c.imports.length}):`);
    for (const i of c.imports) lines.push(`${indent}  ${i.kind.padEnd(9)} ${i.name}`);
  }
  lines.push('', `${indent}exports (${c.exports.length}):`);
  for (const e of c.exports) lines.push(`${indent}  ${e.kind.padEnd(9)} ${e.name}`);
  if (c.modules.length > 0) {
    lines.push('', `${indent}core modules (${c.modules.length}):`);
    c.modules.forEach((m, i) => {
      const name = (m.name ?? '').padEnd(44);
      lines.push(
        `${indent}  #${i} ${name} ${formatSize(m.size).padStart(10)}  ${dim(`${m.imports.length} imports, ${m.exports.length} exports`)}`,
      );
    });
  }
  if (c.components.length > 0) {
    lines.push('', `${indent}nested components (${c.components.length}):`);
    // Nested components get one line each (wit-component's shims would
    // otherwise drown the top level); `--json` has everything.
    c.components.forEach((child, i) => {
      const name = (child.name ?? '').padEnd(44);
      lines.push(
        `${indent}  #${i} ${name} ${formatSize(child.size).padStart(10)}  ${dim(`${child.imports.length} imports, ${child.exports.length} exports, ${child.modules.length} core modules`)}`,
      );
    });
  }
  if (c.customSections.length > 0) {
    lines.push(
      '',
      dim(`${indent}custom sections: ${c.customSections.map((s) => `${s.name} (${formatSize(s.size)})`).join(', ')}`),
    );
  }
}
