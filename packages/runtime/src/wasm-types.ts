// The repository compiles with `lib: ES2023` (no DOM), which lacks the
// WebAssembly JS API. @wit-ts/abi declares `Memory` and `RuntimeError`; the
// engine additionally needs compilation and instantiation. Declared as a real
// module so the augmentation is emitted into dist/ for consumers.
import '@wit-ts/abi';

declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: ArrayBufferView | ArrayBuffer);
    }
    class Instance {
      constructor(module: Module, imports?: object);
      readonly exports: Record<string, unknown>;
    }
    class Table {
      private constructor();
    }
    class Global {
      private constructor();
    }
    class CompileError extends Error {}
    class LinkError extends Error {}
    function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
    function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
    function instantiate(module: Module, imports?: object): Promise<Instance>;
  }
}
export {};
