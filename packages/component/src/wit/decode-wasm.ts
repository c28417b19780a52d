/**
 * wasm-tools' `decode`: a binary is either a wasm-encoded WIT package or an
 * actual component, whose WIT is the world of its imports and exports.
 */
import type { Resolve } from '@wit-ts/wit-parser';
import { decodeComponent } from '../decode-component.js';
import { decodeComponentWorld } from './component-world.js';
import { decodeWitPackageComponent, isWitPackage } from './decode.js';

export type DecodedWasm =
  | { kind: 'package'; resolve: Resolve; package: number }
  | { kind: 'component'; resolve: Resolve; world: number; package: number };

/** Decodes either kind of binary; `resolve.main` is the package to print. */
export function decodeWasm(bytes: Uint8Array): DecodedWasm {
  const c = decodeComponent(bytes);
  if (isWitPackage(c)) {
    const { resolve, package: pkg } = decodeWitPackageComponent(c);
    return { kind: 'package', resolve, package: pkg };
  }
  const { resolve, world } = decodeComponentWorld(c);
  return { kind: 'component', resolve, world, package: resolve.main! };
}
