export {
  inspectBinary,
  type InspectReport,
  type ComponentReport,
  type CoreModuleReport,
  type BinaryKind,
} from './inspect.js';
