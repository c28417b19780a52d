// Compositions that jco `transpile` refuses for a reason that lies in jco,
// not in the composer. Each refusal is pinned down two ways: jco's message
// for our output must be the expected one (so any other failure still fails
// the test), and a minimal hand-written component of the same shape — no
// composer involved — must be refused by jco with the same message.
import { parse, transpile } from '@bytecodealliance/jco';

export interface JcoRefusal {
  /** Why: the shape of the composition jco cannot transpile. */
  why: string;
  /** A fragment of jco's last error line. */
  message: string;
  /** The smallest component of that shape (WAT). */
  shape: string;
}

export const EXPORTS_A_TYPE: JcoRefusal = {
  why: 'the component exports types (not functions or instances); jco transpiles only function and instance exports',
  message: 'was not a function or instance',
  shape: '(component (type $t u8) (export "a" (type $t)))',
};

export const REEXPORTS_IMPORTED_FUNC: JcoRefusal = {
  why: 'the composition exports one of its imported functions as is; jco does not implement re-exporting imported functions',
  message: 'is a reexport of an imported function which is not implemented',
  shape: '(component (import "f" (func $f)) (export "foo" (func $f)))',
};

export const REEXPORTS_IMPORTED_RESOURCE: JcoRefusal = {
  why: 'the composition re-exports an imported instance that defines a resource, which jco cannot represent in WIT: the resource would appear twice',
  message: 'appears more than once (for example, when an imported instance is re-exported under a new name)',
  shape: '(component (import "foo" (instance $i (export "r" (type (sub resource))))) (export "bar" (instance $i)))',
};

/** jco's last error line for `bytes`, or undefined when it transpiles. */
export async function jcoRefusal(bytes: Uint8Array): Promise<string | undefined> {
  try {
    await transpile(bytes, { name: 'composed' });
    return undefined;
  } catch (e) {
    return String(e).split('\n').slice(-1)[0].trim();
  }
}

/**
 * Problems with a listed refusal: jco must refuse `ours` with the listed
 * message, and refuse the minimal shape with it too.
 */
export async function checkRefusal(name: string, ours: Uint8Array, r: JcoRefusal): Promise<string[]> {
  const problems: string[] = [];
  const got = await jcoRefusal(ours);
  if (got === undefined) problems.push(`${name}: listed as refused by jco but transpiled: remove it from the list`);
  else if (!got.includes(r.message)) problems.push(`${name}: jco refused with another message: ${got}`);
  const shape = await jcoRefusal(await parse(r.shape));
  if (shape === undefined || !shape.includes(r.message))
    problems.push(`${name}: jco does not refuse the minimal shape the same way (${shape ?? 'transpiled'})`);
  return problems;
}
