// @wit-ts/abi — the Component Model canonical ABI (see CanonicalABI.md).
export { Trap, trap } from './trap.js';
export * from './types.js';
export { alignTo, alignment, elemSize, discriminantSize, PTR_SIZE } from './layout.js';
export {
  flattenType,
  flattenTypes,
  flattenFunctionType,
  join,
  MAX_FLAT_PARAMS,
  MAX_FLAT_ASYNC_PARAMS,
  MAX_FLAT_RESULTS,
  type FuncType,
  type CoreFuncType,
  type FlattenOptions,
} from './flatten.js';
export {
  ComponentInstance,
  LiftLowerContext,
  checkRange,
  type CanonicalOptions,
  type MemoryLike,
  type Realloc,
  type StringEncoding,
} from './context.js';
export {
  HandleTable,
  ResourceType,
  ResourceHandle,
  ErrorContext,
  Task,
  Subtask,
  liftOwn,
  liftOwnHeld,
  setHostHeldOwn,
  liftBorrow,
  lowerOwn,
  lowerBorrow,
  resourceNew,
  resourceDrop,
  resourceRep,
} from './handles.js';
export {
  loadStringFromRange,
  loadStringHinted,
  storeStringIntoRange,
  storeStringHinted,
  encodeUtf8Scratch,
  utf8Scratch,
  UTF16_TAG,
  MAX_STRING_BYTE_LENGTH,
  type HintedString,
} from './strings.js';
export { load, loadValue, loadListFromRange, MAX_LIST_BYTE_LENGTH } from './load.js';
export { store, storeValue, storeListIntoRange } from './store.js';
export { liftFlat, CoreValueIter, type FlatSource } from './lift.js';
export { lowerFlat } from './lower.js';
export { liftFlatValues, lowerFlatValues, canonLiftCall, canonLowerCall, type LiftCallOptions } from './call.js';
export { toCamelCase } from './names.js';
export { CANONICAL_F32_NAN, CANONICAL_F64_NAN, f32ToBits, bitsToF32, f64ToBits, bitsToF64 } from './values.js';
