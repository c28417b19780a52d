import { describe, expect, it } from 'vitest';
import { instantiate } from '@wit-ts/runtime';
import { wat } from './helpers.js';
it('add', async () => {
  const b = await wat(`(component (core module $m (func (export "f") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) (core instance $i (instantiate $m)) (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "f"))))`);
  const e = await instantiate(b, {});
  expect((e.add as any)(1, 2)).toBe(3);
});
