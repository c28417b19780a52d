// `wit-ts print <file.wasm>`: a component or core module as text, like
// `wasm-tools print`.

import { readFileSync } from 'node:fs';
import { binaryKind, DecodeError, PrintError, printComponent, printCoreModule } from '@wit-ts/component';
import { EXIT_INVALID, EXIT_OK } from '../exit.js';
import { errorLine, type Output } from '../output.js';
import { requireExistingPath } from '../paths.js';
import { writeFileAtomic } from '../write-file.js';

export interface PrintFlags {
  output?: string;
}

export function runPrint(path: string, flags: PrintFlags, out: Output): number {
  requireExistingPath(path);
  const bytes = new Uint8Array(readFileSync(path));
  const kind = binaryKind(bytes);
  if (kind === null) {
    errorLine(out, `${path}: not a WebAssembly component or core module (bad preamble)`);
    return EXIT_INVALID;
  }
  let text: string;
  try {
    text = kind === 'component' ? printComponent(bytes) : printCoreModule(bytes);
  } catch (err) {
    if (err instanceof DecodeError || err instanceof PrintError) {
      errorLine(out, `${path}: ${err.message}`);
      return EXIT_INVALID;
    }
    throw err;
  }
  if (flags.output === undefined) out.stdout(text);
  else writeFileAtomic(flags.output, text);
  return EXIT_OK;
}
