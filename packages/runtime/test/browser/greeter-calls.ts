// Calls on the C greeter guest fixture (fixtures/c-greeter), shared by the
// page bundle and the Node side. Browser-safe; results are JSON-serialisable.

type Instantiate = (bytes: Uint8Array, imports: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Counter {
  increment(by: number): number;
  getLabel(): string;
  [Symbol.dispose](): void;
}
interface GreeterApi {
  greet(name: string): string;
  sum(xs: Int32Array): bigint;
  splitWords(text: string): string[];
  parseNumber(s: string): number;
  Counter: new (label: string, start: number) => Counter;
}

export interface GreeterResults {
  greet: string;
  sum: string;
  words: string[];
  parsed: number;
  parseError: unknown;
  counter: [number, string];
  logs: string[];
}

export async function runGreeterCalls(instantiate: Instantiate, bytes: Uint8Array): Promise<GreeterResults> {
  const logs: string[] = [];
  const exports = await instantiate(bytes, {
    'fixtures:c-greeter/host': { log: (msg: string) => void logs.push(msg) },
    prefix: () => 'Hej',
  });
  const api = exports.api as GreeterApi;
  let parseError: unknown = 'no error';
  try {
    api.parseNumber('12x');
  } catch (e) {
    parseError = (e as { payload?: unknown }).payload;
  }
  const counter = new api.Counter('visits', 40);
  counter.increment(1);
  const after: [number, string] = [counter.increment(1), counter.getLabel()];
  counter[Symbol.dispose]();
  return {
    greet: api.greet('wörld 🌍'),
    sum: String(api.sum(Int32Array.of(1, 2, 3, -10))),
    words: api.splitWords('  the quick  brown fox '),
    parsed: api.parseNumber('-1234'),
    parseError,
    counter: after,
    logs,
  };
}
