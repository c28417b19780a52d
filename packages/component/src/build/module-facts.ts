/**
 * Facts about a core module that `new` needs: its function imports (with
 * their signatures), its other imports, its exports and the signature of
 * every function.
 */
import { decodeCoreModule } from '../decode-core-module.js';
import { ComponentNewError } from './metadata.js';
import { recToSig, sigString, type Sig } from './wasm.js';

export interface ModuleFacts {
  funcImports: { module: string; name: string; sig: Sig }[];
  otherImports: { module: string; name: string; kind: string }[];
  exports: Map<string, { kind: number; index: number }>;
  funcSigs: Sig[];
}

export function moduleFacts(bytes: Uint8Array, what: string): ModuleFacts {
  const m = decodeCoreModule(bytes);
  const types: (Sig | undefined)[] = [];
  const facts: ModuleFacts = { funcImports: [], otherImports: [], exports: new Map(), funcSigs: [] };
  for (const s of m.sections) {
    if (s.kind === 'type')
      for (const t of s.types)
        for (let i = 0; i < t.types.length; i++) types.push(t.types.length === 1 ? recToSig(t) : undefined);
    else if (s.kind === 'import') {
      for (const i of s.imports) {
        if (i.type.kind === 'func') {
          const sig = types[i.type.type];
          if (sig === undefined)
            throw new ComponentNewError(`${what} imports \`${i.module}::${i.name}\` with a non-numeric function type`);
          facts.funcImports.push({ module: i.module, name: i.name, sig });
          facts.funcSigs.push(sig);
        } else facts.otherImports.push({ module: i.module, name: i.name, kind: i.type.kind });
      }
    } else if (s.kind === 'export')
      for (const e of s.exports) facts.exports.set(e.name, { kind: e.kind, index: e.index });
    else if (s.kind === 'raw' && s.id === 3) {
      // function section: type index per defined function
      let p = 0;
      const b = s.body;
      const rd = () => {
        let v = 0;
        let shift = 0;
        for (;;) {
          const x = b[p++];
          v |= (x & 0x7f) << shift;
          if ((x & 0x80) === 0) return v >>> 0;
          shift += 7;
        }
      };
      const n = rd();
      for (let i = 0; i < n; i++) {
        const t = types[rd()];
        facts.funcSigs.push(t ?? { params: [], results: [] });
      }
    }
  }
  return facts;
}

export function exportedFuncSig(facts: ModuleFacts, name: string): Sig | undefined {
  const e = facts.exports.get(name);
  if (e === undefined || e.kind !== 0) return undefined;
  return facts.funcSigs[e.index];
}

export const sameSig = (a: Sig, b: Sig) => sigString(a) === sigString(b);
