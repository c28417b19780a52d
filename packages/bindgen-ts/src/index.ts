// @wit-ts/bindgen-ts — work in progress.
export {};
