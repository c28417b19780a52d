// WIT ↔ binary: wasm-encoded WIT packages and component types of worlds.
export { encodeWitPackage, witPackageComponent, encodeWorld, DEFAULT_PRODUCER, type EncodeWitOptions } from './encode.js';
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
