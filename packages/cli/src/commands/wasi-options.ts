// The WASI capability flags shared by `run` and `call`: nothing is granted
// unless asked for on the command line.

import { statSync } from 'node:fs';
import { resolve as resolvePathname } from 'node:path';
import type { Command } from 'commander';
import type { WasiHostOptions } from '@wit-ts/runtime/node';
import { UsageError } from '../exit.js';

export interface WasiFlags {
  dir?: string[];
  env?: string[];
  inheritEnv?: boolean;
  inheritNetwork?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function wasiFlags(command: Command): Command {
  return command
    .option(
      '--dir <host[::guest]>',
      'preopen a host directory (as `guest`, default the same path); repeatable',
      collect,
    )
    .option('--env <K=V>', 'set an environment variable for the guest; repeatable', collect)
    .option('--inherit-env', "pass the host's environment variables")
    .option('--inherit-network', 'allow TCP, UDP, DNS lookups and outgoing HTTP');
}

/** `--dir a::/data` → { host: a, guest: /data }; checks the host side exists. */
function parseDir(spec: string): { host: string; guest: string } {
  const sep = spec.indexOf('::');
  const host = sep < 0 ? spec : spec.slice(0, sep);
  const guest = sep < 0 ? spec : spec.slice(sep + 2);
  if (host === '' || guest === '') throw new UsageError(`--dir ${spec}: expected host[::guest]`);
  let isDir = false;
  try {
    isDir = statSync(host).isDirectory();
  } catch {
    throw new UsageError(`--dir ${spec}: no such directory: ${host}`);
  }
  if (!isDir) throw new UsageError(`--dir ${spec}: not a directory: ${host}`);
  return { host: resolvePathname(host), guest };
}

function parseEnv(specs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env ${spec}: expected K=V`);
    env[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  return env;
}

export function wasiHostOptions(flags: WasiFlags): WasiHostOptions {
  return {
    env: parseEnv(flags.env ?? []),
    inheritEnv: flags.inheritEnv ?? false,
    preopens: (flags.dir ?? []).map(parseDir),
    inheritNetwork: flags.inheritNetwork ?? false,
  };
}
