/** Component value sections (the `value` sort): not printed yet. */
import type { Value } from '../model.js';
import { PrintError } from './errors.js';
import type { Scope } from './scope.js';

export function printValue(v: Value, _scope: Scope): string {
  throw new PrintError('value sections are not supported yet by the printer', v.offset);
}
