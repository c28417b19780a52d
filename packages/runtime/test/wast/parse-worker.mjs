// Worker thread for jco's `parse` (WAT → binary). A Rust panic inside jco
// poisons its instance for the rest of the thread, so after any failure that
// looks like a panic this worker reports it and exits; the parent starts a
// fresh worker for the remaining texts.
import { parentPort } from 'node:worker_threads';
import { parse } from '@bytecodealliance/jco';

parentPort.on('message', async (msg) => {
  const { id, text } = msg;
  try {
    const bytes = await parse(text);
    parentPort.postMessage({ id, ok: true, bytes });
  } catch (e) {
    const message = String(e && e.message !== undefined ? e.message : e);
    const panic = e instanceof WebAssembly.RuntimeError || /panic|unreachable/i.test(message);
    parentPort.postMessage({ id, ok: false, message, panic });
    if (panic) process.exit(0);
  }
});
