// Where commands write. Kept behind an interface so tests can run `main`
// in-process and capture both streams without spawning a process.

import pc from 'picocolors';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour diagnostics only when stderr is a terminal (and NO_COLOR unset). */
  color: boolean;
}

export function processOutput(): Output {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stderr.isTTY) && pc.isColorSupported,
  };
}

export function errorLine(out: Output, message: string): void {
  const label = out.color ? pc.red(pc.bold('error')) : 'error';
  out.stderr(`${label}: ${message}\n`);
}
