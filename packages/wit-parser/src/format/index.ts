// The WIT formatter (`wit-ts fmt`).
export { formatWit, formatCst, type FormatResult } from './format-wit.js';
