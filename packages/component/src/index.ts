// @wit-ts/component — WebAssembly component binaries: decode, encode, validate.
export { DecodeError, ValidationError, type ValidationIssue } from './errors.js';
export { Reader } from './reader.js';
export { Writer } from './writer.js';
export * from './model.js';
export {
  decodeComponent,
  decodeBinary,
  binaryKind,
  COMPONENT_VERSION,
  COMPONENT_LAYER,
  type DecodeOptions,
} from './decode-component.js';
export { decodeCoreModule } from './decode-core-module.js';
export { CANON_FORMS, type CanonForm, type CanonImm } from './decode-canon.js';
export { encodeComponent, type EncodeOptions } from './encode-component.js';
export { encodeCoreModule } from './encode-core-module.js';
export {
  validateComponent,
  assertValidComponent,
  VALIDATOR_CHECKS,
  isLabel,
  parseExternName,
  uniquenessKey,
} from './validate/index.js';
export {
  inspectBinary,
  type InspectReport,
  type ComponentReport,
  type CoreModuleReport,
  type BinaryKind,
} from './inspect/index.js';
export * from './wit/index.js';
export * from './build/index.js';
export { printComponent, printCoreModule, PrintError } from './print/index.js';
