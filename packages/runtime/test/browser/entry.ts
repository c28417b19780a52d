// Page entry bundled by esbuild (platform: 'browser'): the runtime's browser
// entry point plus the shared calls, exposed to the test as `witTsBrowserTest`.
import { instantiate } from '@wit-ts/runtime';
import { runCalls, type CallResults } from './calls.js';
import { runGreeterCalls, type GreeterResults } from './greeter-calls.js';

async function run(url: string): Promise<CallResults> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return runCalls((b, imports) => instantiate(b, imports as never) as Promise<Record<string, unknown>>, bytes);
}

async function runGreeter(url: string): Promise<GreeterResults> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return runGreeterCalls((b, imports) => instantiate(b, imports as never) as Promise<Record<string, unknown>>, bytes);
}

(globalThis as unknown as { witTsBrowserTest: unknown }).witTsBrowserTest = {
  run,
  runGreeter,
  hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
};
