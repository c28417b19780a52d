// Every world of the corpora generates host and guest bindings that pass
// `tsc --strict` (one batched program per corpus), and every generated file
// is already exactly prettier's output (the generator does not run prettier).
import { describe, expect, it } from 'vitest';
import * as prettier from 'prettier';
import {
  PRETTIER_OPTIONS,
  generateGuestUnformatted,
  generateHostUnformatted,
  type GeneratedFile,
} from '../src/index.js';
import { CORPORA, prefixGuestSpecifiers, typecheck, worldsOf } from './corpus.js';

describe('corpus bindings type-check', () => {
  for (const [corpus, list] of Object.entries(CORPORA)) {
    it(`${corpus}: host + guest for every world pass tsc --strict`, async () => {
      const dirs = new Map<string, GeneratedFile[]>();
      let worlds = 0;
      let synthetic = 0;
      const t0 = performance.now();
      for (const input of list()) {
        for (const w of worldsOf(input)) {
          const n = worlds++;
          if (w.synthetic) synthetic++;
          const host = generateHostUnformatted(w.resolve, w.worldId);
          const guest = generateGuestUnformatted(w.resolve, w.worldId);
          dirs.set(`w${n}/host`, host);
          dirs.set(`w${n}/guest`, prefixGuestSpecifiers(guest, `w${n}`));
        }
      }
      const genMs = performance.now() - t0;
      const res = typecheck(dirs);
      const bad = [...res.errors].filter(([f]) => !f.includes('/runtime/'));
      const failedFiles = bad.length;
      console.log(
        `[bindgen-ts] ${corpus}: ${worlds} worlds (${synthetic} synthetic), ${res.files} generated files, ${res.files - failedFiles} type-check clean ` +
          `(generate ${genMs.toFixed(0)} ms, tsc ${res.ms.toFixed(0)} ms)`,
      );
      if (bad.length > 0) {
        const show = bad.slice(0, 8).map(([f, m]) => `${f}\n  ${m.slice(0, 3).join('\n  ')}`);
        console.log(show.join('\n'));
      }
      expect(bad.map(([f]) => f)).toEqual([]);
      expect(res.errors.size).toBe(0);
    });
  }

  for (const [corpus, list] of Object.entries(CORPORA)) {
    it(`${corpus}: every generated file is exactly prettier's output`, async () => {
      const texts = new Map<string, string>();
      let files = 0;
      for (const input of list()) {
        for (const w of worldsOf(input)) {
          for (const f of [
            ...generateHostUnformatted(w.resolve, w.worldId),
            ...generateGuestUnformatted(w.resolve, w.worldId),
          ]) {
            files++;
            if (!texts.has(f.contents)) texts.set(f.contents, `${w.label}: ${f.path}`);
          }
        }
      }
      const differ: string[] = [];
      for (const [text, where] of texts) {
        if ((await prettier.format(text, PRETTIER_OPTIONS)) !== text) differ.push(where);
      }
      console.log(
        `[bindgen-ts] ${corpus}: ${files} generated files (${texts.size} distinct), ${texts.size - differ.length} prettier-identical`,
      );
      expect(differ).toEqual([]);
    });
  }
});
