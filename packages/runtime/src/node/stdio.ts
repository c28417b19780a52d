// stdin/stdout/stderr streams that are real preview2-shim `wasi:io/streams`
// resources (subclasses of its InputStream/OutputStream, so a component
// instantiated with the shim's `wasi:io/streams` accepts them), backed by a
// writer callback or fixed bytes instead of the host process' streams.

import process from 'node:process';
import type { WasiInput, WasiOutput, WasiWriter } from '../wasi/policy.js';
import { shim, type ShimPollable } from './shim.js';

/** How many bytes `check-write` allows at once. */
const WRITE_BUDGET = 1n << 20n;

const readyPollable = (): ShimPollable => shim.clocks.monotonicClock.subscribeDuration(0n);

function lastOperationFailed(e: unknown): never {
  const message = e instanceof Error ? e.message : String(e);
  throw { tag: 'last-operation-failed', val: new shim.io.error.Error(Object.assign(new Error(message), { cause: e })) };
}

function toWrite(writer: WasiWriter): (chunk: Uint8Array) => void {
  if (typeof writer === 'function') return writer;
  return (chunk) => void writer.write(chunk);
}

/** The sink of one output: undefined = discard. */
export function outputSink(output: WasiOutput, which: 'stdout' | 'stderr'): ((chunk: Uint8Array) => void) | undefined {
  if (output === 'ignore') return undefined;
  if (output === 'inherit') {
    const stream = which === 'stdout' ? process.stdout : process.stderr;
    return (chunk) => void stream.write(chunk);
  }
  return toWrite(output);
}

/** A `wasi:io/streams.output-stream` writing to `sink` (synchronously; flush is immediate). */
export class WriterOutputStream extends (shim.io.streams.OutputStream as new () => object) {
  readonly #sink: ((chunk: Uint8Array) => void) | undefined;
  #closed = false;

  constructor(sink: ((chunk: Uint8Array) => void) | undefined) {
    super();
    this.#sink = sink;
  }

  #emit(bytes: Uint8Array): void {
    if (this.#closed) throw { tag: 'closed' };
    if (!this.#sink || bytes.length === 0) return;
    try {
      // A copy: the writer may keep the chunk, the caller may reuse its buffer.
      this.#sink(bytes.slice());
    } catch (e) {
      this.#closed = true;
      lastOperationFailed(e);
    }
  }

  checkWrite(): bigint {
    if (this.#closed) throw { tag: 'closed' };
    return WRITE_BUDGET;
  }
  write(contents: Uint8Array): void {
    this.#emit(contents);
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.#emit(contents);
  }
  flush(): void {
    if (this.#closed) throw { tag: 'closed' };
  }
  blockingFlush(): void {
    this.flush();
  }
  writeZeroes(len: bigint): void {
    this.#emit(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }
  splice(src: { read(len: bigint): Uint8Array }, len: bigint): bigint {
    const bytes = src.read(len < WRITE_BUDGET ? len : WRITE_BUDGET);
    this.#emit(bytes);
    return BigInt(bytes.length);
  }
  blockingSplice(src: { blockingRead(len: bigint): Uint8Array }, len: bigint): bigint {
    const bytes = src.blockingRead(len < WRITE_BUDGET ? len : WRITE_BUDGET);
    this.#emit(bytes);
    return BigInt(bytes.length);
  }
  subscribe(): ShimPollable {
    return readyPollable();
  }
}

/** A `wasi:io/streams.input-stream` over fixed bytes (shared cursor), then `closed`. */
export class BytesInputStream extends (shim.io.streams.InputStream as new () => object) {
  readonly #source: { bytes: Uint8Array; offset: number };

  constructor(source: { bytes: Uint8Array; offset: number }) {
    super();
    this.#source = source;
  }

  read(len: bigint): Uint8Array {
    const s = this.#source;
    if (s.offset >= s.bytes.length) {
      if (len === 0n) return new Uint8Array();
      throw { tag: 'closed' };
    }
    const n = Math.min(Number(len), s.bytes.length - s.offset);
    const out = s.bytes.slice(s.offset, s.offset + n);
    s.offset += n;
    return out;
  }
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }
  subscribe(): ShimPollable {
    return readyPollable();
  }
}

/** `get-stdin` for a policy input. */
export function stdinFactory(input: WasiInput): () => object {
  if (input === 'inherit') return () => shim.cli.stdin.getStdin();
  const source = { bytes: input === 'empty' ? new Uint8Array() : input, offset: 0 };
  return () => new BytesInputStream(source);
}
