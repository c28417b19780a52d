// @wit-ts/runtime — work in progress (issue: the engine).
export {};
