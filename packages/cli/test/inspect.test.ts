// `wit-ts inspect` on binaries assembled from text by jco's `parse`
// (test-only: our own text assembler does not exist yet).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run-cli.js';

const COMPONENT = `(component
  (import "host:log/log" (instance $log (export "log" (func (param "msg" string)))))
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 8)
    (func (export "run") (param i32 i32) (result i32) local.get 1))
  (core instance $i (instantiate $m))
  (func $run (param "s" string) (result u32)
    (canon lift (core func $i "run") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) string-encoding=utf16))
  (component $inner)
  (export "run" (func $run))
)`;

const MODULE = `(module
  (import "env" "f" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "g") (result i32) i32.const 1))`;

let dir: string;
let componentPath: string;
let modulePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wit-ts-inspect-'));
  componentPath = join(dir, 'c.wasm');
  modulePath = join(dir, 'm.wasm');
  writeFileSync(componentPath, await parse(COMPONENT));
  writeFileSync(modulePath, await parse(MODULE));
  writeFileSync(join(dir, 'junk.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wit-ts inspect', () => {
  it('summarises a component', async () => {
    const r = await run('inspect', componentPath);
    expect(r.code).toBe(0);
    expect(r.out).toContain(': component,');
    expect(r.out).toMatch(/imports \(1\):\n\s+instance\s+host:log\/log/);
    expect(r.out).toMatch(/exports \(1\):\n\s+func\s+run/);
    expect(r.out).toContain('string encodings: utf16');
    expect(r.out).toContain('core modules (1):');
    expect(r.out).toContain('nested components (1):');
  });

  it('summarises a core module', async () => {
    const r = await run('inspect', modulePath);
    expect(r.code).toBe(0);
    expect(r.out).toContain(': core module,');
    expect(r.out).toContain('func    env::f');
    expect(r.out).toContain('memory  memory');
  });

  it('gives JSON with --json', async () => {
    const r = await run('inspect', componentPath, '--json');
    const report = JSON.parse(r.out);
    expect(report.kind).toBe('component');
    expect(report.component.imports).toEqual([{ name: 'host:log/log', kind: 'instance' }]);
  });

  it('rejects a malformed binary with one line and exit 1', async () => {
    const r = await run('inspect', join(dir, 'junk.wasm'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('junk.wasm');
  });
});
