import { ComponentInstance, LiftLowerContext, type StringEncoding } from '../src/index.js';

export interface ReallocCall {
  old: number;
  oldSize: number;
  align: number;
  newSize: number;
  result: number;
}

export interface TestMem {
  memory: WebAssembly.Memory;
  cx: LiftLowerContext;
  inst: ComponentInstance;
  calls: ReallocCall[];
  /** Next free byte of the bump allocator. */
  top: { value: number };
  bytes(ptr: number, n: number): number[];
}

/**
 * A real WebAssembly.Memory with a bump allocator `realloc` that copies the
 * old contents (like a real allocator) and grows memory on demand.
 */
export function makeMem(
  encoding: StringEncoding = 'utf8',
  opts: { pages?: number; start?: number; maxPages?: number } = {},
): TestMem {
  const memory = new WebAssembly.Memory({ initial: opts.pages ?? 1, maximum: opts.maxPages ?? 1024 });
  const calls: ReallocCall[] = [];
  const top = { value: opts.start ?? 1024 };
  const inst = new ComponentInstance();
  const realloc = (old: number, oldSize: number, align: number, newSize: number): number => {
    const ptr = Math.ceil(top.value / align) * align;
    const end = ptr + newSize;
    while (end > memory.buffer.byteLength) memory.grow(1);
    const u8 = new Uint8Array(memory.buffer);
    if (old !== 0) u8.copyWithin(ptr, old, old + Math.min(oldSize, newSize));
    top.value = end;
    calls.push({ old, oldSize, align, newSize, result: ptr });
    return ptr;
  };
  const cx = new LiftLowerContext({ memory, realloc, stringEncoding: encoding }, inst);
  return {
    memory,
    cx,
    inst,
    calls,
    top,
    bytes: (ptr, n) => [...new Uint8Array(memory.buffer, ptr, n)],
  };
}
