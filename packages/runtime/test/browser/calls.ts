// The calls the browser test makes, shared verbatim by the page bundle and
// the Node side so both run exactly the same code against the same bytes.
// Everything returned is JSON-serialisable (it crosses the page boundary).
// Browser-safe: no Node built-ins here.

type Instantiate = (bytes: Uint8Array, imports: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Counter {
  increment(by: number): number;
  [Symbol.dispose]?(): void;
}
interface Api {
  reverse(s: string): string;
  sum(xs: ArrayLike<number>): number;
  scale(p: { x: number; y: number }, f: number): { x: number; y: number };
  bump(s: { tag: string; val?: number }): { tag: string; val?: number };
  nextColor(c: string): string;
  callHostN(n: number): number;
  Counter: new (start: number) => Counter;
}

export interface CallResults {
  exportNames: string[];
  apiNames: string[];
  reverseAscii: string;
  reverseUnicode: string;
  reverseLong: { length: number; head: string; tail: string };
  reverseEmpty: string;
  sum: number;
  sumTyped: number;
  scale: { x: number; y: number };
  bumpNum: { tag: string; val?: number };
  bumpNone: { tag: string; val?: number };
  nextColor: string[];
  counter: number[];
  counterIsInstance: boolean;
  callHostN: number;
  hostCalls: number;
  errors: string[];
}

function errorName(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof Error ? e.constructor.name : typeof e;
  }
}

export async function runCalls(instantiate: Instantiate, bytes: Uint8Array): Promise<CallResults> {
  let hostCalls = 0;
  const exports = await instantiate(bytes, {
    'test:browser/host': {
      hostAdd(a: number, b: number): number {
        hostCalls++;
        return (a + b) >>> 0;
      },
    },
  });
  const api = exports['test:browser/api'] as Api;
  const long = 'wit-ts in a browser. '.repeat(1000);
  const reversedLong = api.reverse(long);
  const c = new api.Counter(40);
  const d = new api.Counter(7);
  const counter = [c.increment(1), c.increment(1), d.increment(3), c.increment(0)];
  const counterIsInstance = c instanceof api.Counter;
  c[Symbol.dispose]?.();
  return {
    exportNames: Object.keys(exports).sort(),
    apiNames: Object.keys(api).sort(),
    reverseAscii: api.reverse('Hello, component!'),
    reverseUnicode: api.reverse('héllo wörld 🌍'),
    reverseLong: { length: reversedLong.length, head: reversedLong.slice(0, 24), tail: reversedLong.slice(-24) },
    reverseEmpty: api.reverse(''),
    sum: api.sum([1, 2, 3, 4, 0xffffffff]),
    sumTyped: api.sum(Uint32Array.from({ length: 1000 }, (_, i) => i * 3)),
    scale: api.scale({ x: 1.5, y: -2.25 }, 4),
    bumpNum: api.bump({ tag: 'num', val: 41 }),
    bumpNone: api.bump({ tag: 'none' }),
    nextColor: ['red', 'green', 'blue'].map((x) => api.nextColor(x)),
    counter,
    counterIsInstance,
    callHostN: api.callHostN(100),
    hostCalls,
    errors: [
      errorName(() => api.reverse(42 as unknown as string)),
      errorName(() => api.scale({ x: 'no' } as unknown as { x: number; y: number }, 1)),
      errorName(() => c.increment(1)), // disposed
      errorName(() => api.nextColor('purple')),
    ],
  };
}
