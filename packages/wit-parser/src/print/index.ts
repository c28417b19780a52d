// The canonical WIT printer (what `wasm-tools component wit` prints).

export { WitPrinter, WitPrintError, type PrinterOptions } from './wit-printer.js';
export {
  printResolve,
  printPackage,
  printAllPackages,
  packageDependencies,
  type PrintResolveOptions,
  type PrintedPackage,
} from './packages.js';
export { escapeName, isKeyword } from './keywords.js';
