// Stand-in for parse-worker.mjs in the runner's own test: "answers" every
// text with its UTF-8 bytes, except texts containing PANIC, which behave like
// a jco panic (report, then exit).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, text }) => {
  if (text.includes('PANIC')) {
    parentPort.postMessage({ id, ok: false, message: 'RuntimeError: unreachable (simulated panic)', panic: true });
    process.exit(0);
  }
  parentPort.postMessage({ id, ok: true, bytes: new TextEncoder().encode(text) });
});
