// The parts of @bytecodealliance/preview2-shim (Node build) this host uses,
// typed structurally. The package's own typings resolve to its browser build
// under TypeScript's condition order, so they are not relied upon here.

import * as preview2 from '@bytecodealliance/preview2-shim';

/** A constructor of one of the shim's resource classes (subclassed, or used for `instanceof`). */
export type ShimClass = abstract new () => object;

export interface ShimPollable {
  ready(): boolean;
  block(): void;
}

export interface ShimInputStream {
  read(len: bigint): Uint8Array;
  blockingRead(len: bigint): Uint8Array;
}

export interface ShimDescriptor {
  [method: string]: (...args: never[]) => unknown;
}

export interface ShimNode {
  cli: {
    stdin: { getStdin(): object };
    terminalInput: { TerminalInput: new () => object };
    terminalOutput: { TerminalOutput: new () => object };
  };
  clocks: {
    monotonicClock: { subscribeDuration(d: bigint): ShimPollable } & object;
    wallClock: object;
  };
  filesystem: {
    types: { Descriptor: ShimClass; DirectoryEntryStream: ShimClass; filesystemErrorCode(err: unknown): unknown };
    createFilesystem(config: { preopens: Record<string, string> }): {
      preopens: { getDirectories(): Array<[ShimDescriptor, string]> };
    };
  };
  io: {
    error: { Error: new (payload: unknown) => Error };
    poll: object;
    streams: { InputStream: ShimClass; OutputStream: ShimClass };
  };
  random: { random: object; insecure: object; insecureSeed: object };
  sockets: {
    createSockets(config: {
      enableNetwork?: boolean;
    }): Record<
      'instanceNetwork' | 'network' | 'ipNameLookup' | 'tcpCreateSocket' | 'tcp' | 'udpCreateSocket' | 'udp',
      object
    >;
  };
  http: {
    types: object;
    outgoingHandler: { handle(request: unknown, options: unknown): unknown };
  };
}

export const shim = preview2 as unknown as ShimNode;
