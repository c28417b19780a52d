// WIT ↔ binary: wasm-encoded WIT packages and component types of worlds.
export {
  encodeWitPackage,
  witPackageComponent,
  encodeWorld,
  DEFAULT_PRODUCER,
  type EncodeWitOptions,
} from './encode.js';
export { encodePackageMetadata, injectPackageMetadata, PACKAGE_DOCS_SECTION } from './metadata.js';
export {
  decodeWitPackage,
  decodeWitPackageComponent,
  decodeWorldType,
  isWitPackage,
  parseQualifiedName,
  WitDecoder,
  WitDecodeError,
  type DecodedWitPackage,
} from './decode.js';
export { decodeWasmPackage, resolvePathWithBinaries, tryResolvePathWithBinaries } from './resolve-path.js';
export { decodeComponentWorld } from './component-world.js';
export { decodeWasm, type DecodedWasm } from './decode-wasm.js';
