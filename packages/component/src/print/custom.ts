/** Custom sections: `@producers`, and every other one as `(@custom "name" "bytes")`. */
import type { CustomSection } from '../model.js';
import type { Output } from './output.js';
import { quote, quoteBytes } from './text.js';

/**
 * `place` is the core-module placement (`after data`, `before first`, …);
 * null inside components. `name` and `component-name` are not printed
 * (their content shows up as `$names`).
 */
export function printCustomSection(out: Output, s: CustomSection, place: string | null): void {
  if (s.name === 'component-name' && place === null) return;
  if (s.name === 'name' && place !== null) return;
  if (s.name === 'producers' && s.parsed?.kind === 'producers') {
    out.newline();
    out.startGroup('@producers');
    for (const f of s.parsed.fields) {
      for (const v of f.values) {
        out.newline();
        out.write(`(${f.name} ${quote(v.name)} ${quote(v.version)})`);
      }
    }
    out.endGroup();
    return;
  }
  out.newline();
  out.startGroup('@custom ');
  out.write(quote(s.name));
  if (place !== null) out.write(` (${place})`);
  out.write(' ');
  out.write(quoteBytes(s.data));
  out.endGroup();
}
