/** What a core module's printer knows while it prints: names and type shapes. */
import type { CoreSpace } from '../core-code/instruction.js';
import type { CoreSubType } from '../model.js';
import { identifierOf, type CoreNames } from './names.js';

export type { CoreSpace };

export class ModuleContext {
  /** Every type in index order (rec groups flattened). */
  readonly types: CoreSubType[] = [];
  /** The type index of each function (imports first). */
  readonly funcTypes: number[] = [];
  readonly typeRef = (index: number): string => this.ref('type', index);

  constructor(readonly names: CoreNames) {}

  ref(space: CoreSpace, index: number): string {
    const n = this.names[space].get(index);
    return n === undefined ? String(index) : identifierOf(n);
  }
}
