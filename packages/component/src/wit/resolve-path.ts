/**
 * Resolving WIT paths whose `deps/` (or the path itself) hold wasm-encoded
 * WIT packages: wit-parser's `decodeWasmPackage` hook, backed by our decoder.
 */
import {
  resolvePath,
  tryResolvePath,
  type DecodedWasmPackage,
  type Resolve,
  type ResolveOptions,
  type ResolveResult,
} from '@wit-ts/wit-parser';
import { decodeComponent } from '../decode-component.js';
import { decodeWitPackageComponent, isWitPackage, WitDecodeError } from './decode.js';

/**
 * The hook: decodes the binary now (so malformed input is reported where it
 * is read) and merges its packages into the resolve later. A package or
 * interface already present is extended by name, as wasm-tools' merge does.
 */
export function decodeWasmPackage(bytes: Uint8Array, path: string): DecodedWasmPackage {
  const binary = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  // The text format plugs in here once we have an assembler.
  if (!binary) throw new WitDecodeError(`not yet supported: .wat needs a text assembler (${path})`);
  const c = decodeComponent(bytes);
  if (!isWitPackage(c)) throw new WitDecodeError('found an actual component instead of an encoded WIT package in wasm');
  return (into: Resolve) => decodeWitPackageComponent(c, into).package;
}

/** `resolvePath` that also reads wasm-encoded WIT packages (`.wasm`; `.wat` needs a text assembler, not there yet). */
export function resolvePathWithBinaries(path: string, options: ResolveOptions = {}): Resolve {
  return resolvePath(path, { ...options, decodeWasmPackage: options.decodeWasmPackage ?? decodeWasmPackage });
}

/** Like `resolvePathWithBinaries`, returning diagnostics instead of throwing. */
export function tryResolvePathWithBinaries(path: string, options: ResolveOptions = {}): ResolveResult {
  return tryResolvePath(path, { ...options, decodeWasmPackage: options.decodeWasmPackage ?? decodeWasmPackage });
}
