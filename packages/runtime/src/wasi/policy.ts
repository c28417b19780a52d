// The capability policy of the WASI host: what a guest is granted. Pure and
// browser-safe; the Node host (src/node/) turns it into import objects.
//
// Nothing is granted unless asked for: no environment variables, no arguments
// beyond the program name, no initial cwd, no preopened directories, no
// network (sockets and outgoing HTTP refuse with access-denied), no stdin
// data. Clocks and randomness are always available; stdout/stderr go to the
// host's own unless redirected.

/** Receives guest output. A function or anything with `write` (a Node `Writable`, …). */
export type WasiWriter = ((chunk: Uint8Array) => void) | { write(chunk: Uint8Array): unknown };

/** Where a guest output stream goes: a writer, the host process' stream (`'inherit'`), or nowhere. */
export type WasiOutput = WasiWriter | 'inherit' | 'ignore';

/** What a guest reads from stdin: fixed bytes, the host process' stdin (`'inherit'`), or nothing (EOF). */
export type WasiInput = Uint8Array | 'inherit' | 'empty';

/** A host directory made visible to the guest under `guest` (e.g. `/data`). */
export interface WasiPreopen {
  host: string;
  guest: string;
  /** Refuse every mutation under this directory with `error-code.read-only`. */
  readOnly?: boolean;
}

export interface WasiHostOptions {
  /** `argv[0]` as the guest sees it. Default `'main'`. */
  programName?: string;
  /** Arguments after the program name. Default none. */
  args?: readonly string[];
  /** Environment variables given to the guest (added to, and overriding, inherited ones). */
  env?: Readonly<Record<string, string>>;
  /** Also pass the host process' environment. Default false. */
  inheritEnv?: boolean;
  /** `wasi:cli/environment.initial-cwd` (a guest path). Default none. */
  cwd?: string;
  /** Host directories the guest may access. Default none. */
  preopens?: readonly WasiPreopen[];
  /** Allow TCP, UDP, DNS lookups and outgoing HTTP. Default false (access-denied). */
  inheritNetwork?: boolean;
  /** Default `'empty'`. */
  stdin?: WasiInput;
  /** Default `'inherit'`. */
  stdout?: WasiOutput;
  /** Default `'inherit'`. */
  stderr?: WasiOutput;
}

/** The validated, normalized policy. */
export interface WasiPolicy {
  readonly programName: string;
  /** `[programName, ...args]`, what `get-arguments` returns. */
  readonly argv: readonly string[];
  readonly env: ReadonlyArray<readonly [string, string]>;
  readonly cwd: string | undefined;
  readonly preopens: readonly Readonly<Required<WasiPreopen>>[];
  readonly network: boolean;
  readonly stdin: WasiInput;
  readonly stdout: WasiOutput;
  readonly stderr: WasiOutput;
}

/** Thrown for invalid host options (a host-side programming error, never reaches the guest). */
export class WasiConfigError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'WasiConfigError';
  }
}

/** Normalizes a guest path: single slashes, no trailing slash (except `/`). */
export function normalizeGuestPath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

function checkString(what: string, value: unknown): string {
  if (typeof value !== 'string') throw new WasiConfigError(`${what} must be a string, got ${typeof value}`);
  if (value.includes('\0')) throw new WasiConfigError(`${what} must not contain NUL: ${JSON.stringify(value)}`);
  return value;
}

/**
 * Validates `options` and computes what the guest is granted. `hostEnv` is
 * the host process' environment, consulted only when `inheritEnv` is set.
 */
export function resolvePolicy(
  options: WasiHostOptions = {},
  hostEnv: Readonly<Record<string, string | undefined>> = {},
): WasiPolicy {
  const programName = checkString('programName', options.programName ?? 'main');
  const args = (options.args ?? []).map((a, i) => checkString(`args[${i}]`, a));

  const env = new Map<string, string>();
  if (options.inheritEnv) {
    for (const [k, v] of Object.entries(hostEnv)) if (v !== undefined) env.set(k, v);
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    checkString(`env key`, k);
    if (k === '' || k.includes('='))
      throw new WasiConfigError(`invalid environment variable name ${JSON.stringify(k)}`);
    env.set(k, checkString(`env[${k}]`, v));
  }

  const preopens: Required<WasiPreopen>[] = [];
  const seen = new Set<string>();
  for (const [i, p] of (options.preopens ?? []).entries()) {
    const host = checkString(`preopens[${i}].host`, p?.host);
    const guest = normalizeGuestPath(checkString(`preopens[${i}].guest`, p?.guest));
    if (host === '') throw new WasiConfigError(`preopens[${i}].host is empty`);
    if (guest === '') throw new WasiConfigError(`preopens[${i}].guest is empty`);
    if (seen.has(guest)) throw new WasiConfigError(`two preopens share the guest path ${JSON.stringify(guest)}`);
    seen.add(guest);
    preopens.push({ host, guest, readOnly: p.readOnly === true });
  }

  const cwd = options.cwd === undefined ? undefined : checkString('cwd', options.cwd);
  return {
    programName,
    argv: [programName, ...args],
    env: [...env.entries()],
    cwd,
    preopens,
    network: options.inheritNetwork === true,
    stdin: options.stdin ?? 'empty',
    stdout: options.stdout ?? 'inherit',
    stderr: options.stderr ?? 'inherit',
  };
}
