// @wit-ts/compose — work in progress.
export {};
