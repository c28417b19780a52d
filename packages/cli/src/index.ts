export { main, VERSION } from './main.js';
export type { Output } from './output.js';
export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './exit.js';
