import type { ExternType, Sort } from './model.js';

/** The index space an imported or exported item of type `t` is added to. */
export function externSort(t: ExternType): Sort {
  switch (t.kind) {
    case 'module':
      return 'core-module';
    case 'func':
      return 'func';
    case 'value':
      return 'value';
    case 'type':
      return 'type';
    case 'component':
      return 'component';
    case 'instance':
      return 'instance';
  }
}
