// Assembles component/module text with jco's `parse` in worker threads
// (parse-worker.mjs). A jco panic poisons that worker's wasm instance, so the
// worker exits after one and is replaced; the text that panicked reports an
// error like any other assembler failure.
import { Worker } from 'node:worker_threads';

export type AssembleResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string; panic: boolean };

interface Pending {
  text: string;
  resolve: (r: AssembleResult) => void;
}

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);

class Slot {
  worker: Worker | undefined;
  current: (Pending & { id: number }) | undefined;
  constructor(
    private readonly pool: AssemblerPool,
    private readonly url: URL,
  ) {}

  /** Workers started by this slot (1 + restarts after panics). */
  spawned = 0;

  private spawn(): Worker {
    const w = new Worker(this.url);
    this.spawned++;
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; bytes?: Uint8Array; message?: string; panic?: boolean }) => {
      const cur = this.current;
      if (cur === undefined || cur.id !== m.id) return;
      this.current = undefined;
      if (!m.ok && m.panic === true) {
        // The worker exits after a panic: never hand it another text.
        this.worker = undefined;
        void w.terminate();
      }
      if (m.ok) cur.resolve({ ok: true, bytes: new Uint8Array(m.bytes!) });
      else cur.resolve({ ok: false, message: m.message ?? '', panic: m.panic === true });
      this.pool.next(this);
    });
    const gone = (why: string): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const cur = this.current;
      this.current = undefined;
      if (cur !== undefined) {
        cur.resolve({ ok: false, message: `assembler worker died: ${why}`, panic: true });
        this.pool.next(this);
      }
    };
    w.on('exit', (code) => gone(`exit ${code}`));
    w.on('error', (e) => gone(String(e)));
    return w;
  }

  run(p: Pending, id: number): void {
    this.current = { ...p, id };
    this.worker ??= this.spawn();
    this.worker.postMessage({ id, text: p.text });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}

export class AssemblerPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[];
  private nextId = 0;
  private readonly cache = new Map<string, Promise<AssembleResult>>();

  /** `workerUrl` is for testing the restart logic with a stand-in worker. */
  constructor(size: number, workerUrl: URL = WORKER_URL) {
    this.slots = Array.from({ length: size }, () => new Slot(this, workerUrl));
  }

  /** How many workers were started (restarts after panics included). */
  get workersStarted(): number {
    return this.slots.reduce((n, s) => n + s.spawned, 0);
  }

  assemble(text: string): Promise<AssembleResult> {
    let r = this.cache.get(text);
    if (r === undefined) {
      r = new Promise<AssembleResult>((resolve) => {
        this.queue.push({ text, resolve });
        const idle = this.slots.find((s) => s.current === undefined);
        if (idle !== undefined) this.next(idle);
      });
      this.cache.set(text, r);
    }
    return r;
  }

  /** Called by a slot when it becomes idle. */
  next(slot: Slot): void {
    if (slot.current !== undefined) return;
    const p = this.queue.shift();
    if (p !== undefined) slot.run(p, this.nextId++);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close()));
  }
}
