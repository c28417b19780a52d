// The repository compiles with `lib: ES2023` and `types: node`, neither of
// which declares the WebAssembly JS API. Only the few members this package
// touches are declared here (as a real module so the declarations are also
// emitted into dist/ for consumers).
declare global {
  namespace WebAssembly {
    class RuntimeError extends Error {
      constructor(message?: string);
    }
    interface MemoryDescriptor {
      initial: number;
      maximum?: number;
      shared?: boolean;
    }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
  }
}
export {};
