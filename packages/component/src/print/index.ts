// The text printer: components and core modules as `wasm-tools print` shows them.
export { printComponent } from './component.js';
export { printCoreModule } from './core-module.js';
export { PrintError } from './errors.js';
