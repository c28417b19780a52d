// The Node WASI 0.2 host: jco-shaped import objects built on preview2-shim,
// restricted by the capability policy of ../wasi/policy.ts.
//
// preview2-shim configures itself through module-global setters (`_setEnv`,
// `_setArgs`, `_setPreopens`, `_setStdout`, …) and defaults to the host
// process' whole environment, arguments, cwd and `/` preopened. None of that
// is used: every interface that carries authority is built per host here
// (environment, exit, stdio, preopens, the sockets network, outgoing HTTP),
// and only the stateless/shared shim parts (io streams and poll, clocks,
// random, the sockets and HTTP resource classes) are passed through. Hosts
// are therefore independent of each other and of anyone else using the shim.

import process from 'node:process';
import { createEnvironment, createExit, type ExitState } from '../wasi/cli.js';
import { WasiError } from '../wasi/errors.js';
import { resolvePolicy, type WasiHostOptions, type WasiPolicy } from '../wasi/policy.js';
import { createFilesystemTypes, createPreopens } from './filesystem.js';
import { shim } from './shim.js';
import { outputSink, stdinFactory, WriterOutputStream } from './stdio.js';

export interface WasiHost {
  /**
   * WASI 0.2 import objects keyed by unversioned interface name
   * (`'wasi:cli/environment'`, …), in the shapes jco's transpiled code and
   * our engine expect. Pass to `instantiate(…, imports)`.
   */
  readonly imports: Record<string, object>;
  /** The same objects keyed both without and with `@version` (e.g. `'0.2.3'`). */
  versionedImports(version: string): Record<string, object>;
  /** The code given to `wasi:cli/exit`, once the guest has called it. */
  exitCode(): number | undefined;
  /** What this host grants. */
  readonly policy: WasiPolicy;
}

export type { WasiHostOptions };

function isTty(stream: unknown): boolean {
  return (stream as { isTTY?: boolean } | undefined)?.isTTY === true;
}

/** Creates a WASI 0.2 host granting exactly what `options` asks for (see `WasiHostOptions`). */
export function createWasiHost(options: WasiHostOptions = {}): WasiHost {
  const policy = resolvePolicy(options, options.inheritEnv ? process.env : {});
  const exitState: ExitState = { code: undefined };

  // -- cli --------------------------------------------------------------------
  const stdoutSink = outputSink(policy.stdout, 'stdout');
  const stderrSink = outputSink(policy.stderr, 'stderr');
  const getStdin = stdinFactory(policy.stdin);
  const { TerminalInput } = shim.cli.terminalInput;
  const { TerminalOutput } = shim.cli.terminalOutput;
  // A terminal is reported only for a stream inherited from a host terminal.
  const terminal = {
    stdin: policy.stdin === 'inherit' && isTty(process.stdin),
    stdout: policy.stdout === 'inherit' && isTty(process.stdout),
    stderr: policy.stderr === 'inherit' && isTty(process.stderr),
  };

  // -- sockets and http ------------------------------------------------------------
  const sockets = shim.sockets.createSockets({ enableNetwork: policy.network });
  const outgoingHandler = {
    handle(request: unknown, requestOptions: unknown): unknown {
      if (!policy.network) throw new WasiError({ tag: 'HTTP-request-denied' });
      return shim.http.outgoingHandler.handle(request, requestOptions);
    },
  };

  const imports: Record<string, object> = {
    'wasi:cli/environment': createEnvironment(policy),
    'wasi:cli/exit': createExit(exitState),
    'wasi:cli/stdin': { getStdin },
    'wasi:cli/stdout': { getStdout: () => new WriterOutputStream(stdoutSink) },
    'wasi:cli/stderr': { getStderr: () => new WriterOutputStream(stderrSink) },
    'wasi:cli/terminal-input': shim.cli.terminalInput,
    'wasi:cli/terminal-output': shim.cli.terminalOutput,
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => (terminal.stdin ? new TerminalInput() : undefined) },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => (terminal.stdout ? new TerminalOutput() : undefined) },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => (terminal.stderr ? new TerminalOutput() : undefined) },
    'wasi:clocks/monotonic-clock': shim.clocks.monotonicClock,
    'wasi:clocks/wall-clock': shim.clocks.wallClock,
    'wasi:filesystem/types': createFilesystemTypes(),
    'wasi:filesystem/preopens': createPreopens(policy),
    'wasi:io/error': shim.io.error,
    'wasi:io/poll': shim.io.poll,
    'wasi:io/streams': shim.io.streams,
    'wasi:random/random': shim.random.random,
    'wasi:random/insecure': shim.random.insecure,
    'wasi:random/insecure-seed': shim.random.insecureSeed,
    'wasi:sockets/instance-network': sockets.instanceNetwork,
    'wasi:sockets/network': sockets.network,
    'wasi:sockets/ip-name-lookup': sockets.ipNameLookup,
    'wasi:sockets/tcp': sockets.tcp,
    'wasi:sockets/tcp-create-socket': sockets.tcpCreateSocket,
    'wasi:sockets/udp': sockets.udp,
    'wasi:sockets/udp-create-socket': sockets.udpCreateSocket,
    'wasi:http/types': shim.http.types,
    'wasi:http/outgoing-handler': outgoingHandler,
  };

  return {
    imports,
    versionedImports(version) {
      const out: Record<string, object> = { ...imports };
      for (const [k, v] of Object.entries(imports)) out[`${k}@${version}`] = v;
      return out;
    },
    exitCode: () => exitState.code,
    policy,
  };
}
