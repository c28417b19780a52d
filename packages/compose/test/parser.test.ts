// The wac-tests parser suite: every passing case parses, every failing case
// fails with a rendered error (never a crash).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, parseWac } from '@wit-ts/compose';
import { CORPUS } from '../../../test-support/shared.js';

const DIR = `${CORPUS}/wac-tests/crates/wac-parser/tests/parser`;
const wacs = (d: string) => readdirSync(d).filter((f) => f.endsWith('.wac'));

describe('wac-tests parser suite', () => {
  it('passing cases parse', () => {
    let ok = 0;
    const failures: string[] = [];
    for (const f of wacs(DIR)) {
      try {
        parseWac(readFileSync(join(DIR, f), 'utf8'), `tests/parser/${f}`);
        ok++;
      } catch (e) {
        failures.push(`${f}: ${e instanceof ComposeError ? e.rendered : String(e)}`);
      }
    }
    console.log(`parser pass: ${ok}/${wacs(DIR).length}`);
    expect(failures).toEqual([]);
  });

  it('failing cases fail with a rendered error', () => {
    const dir = join(DIR, 'fail');
    let ok = 0;
    const bad: string[] = [];
    for (const f of wacs(dir)) {
      const path = `tests/parser/fail/${f}`;
      try {
        parseWac(readFileSync(join(dir, f), 'utf8'), path);
        bad.push(`${f}: parsed`);
      } catch (e) {
        if (e instanceof ComposeError && e.rendered.includes(path)) ok++;
        else bad.push(`${f}: ${String(e)}`);
      }
    }
    console.log(`parser fail: ${ok}/${wacs(dir).length}`);
    expect(bad).toEqual([]);
  });

  it('renders errors with a location and a code frame', () => {
    try {
      parseWac('package test:comp;\n\ntype x = u32', 'x.wac');
      expect.unreachable();
    } catch (e) {
      expect((e as ComposeError).rendered).toBe(
        'expected `;`, found end of input\n     --> x.wac:3:13\n      |\n    3 | type x = u32\n      |             ^',
      );
    }
  });

  it('parses the README example and newer WIT types', () => {
    parseWac(readFileSync(`${CORPUS}/wac-tests/examples/script.wac`, 'utf8'));
    const doc = parseWac(`package a:b targets x:y/z@1.0.0;
interface i { resource r { constructor(); m: async func(s: stream<u8>) -> future<map<string, u32>>; } e: func(x: error-context, y: own<r>); }
let x = new ns:pkg@0.2.3 { a, b: x.y["c:d/e"], ...s, ... };
export x...;
export x.f as "g";`);
    expect(doc.statements.map((s) => s.kind)).toEqual(['interface', 'let', 'export', 'export']);
  });
});

describe('parser robustness', () => {
  it('every prefix of every corpus document parses or fails with a ComposeError', () => {
    const files = [
      ...wacs(DIR).map((f) => join(DIR, f)),
      ...wacs(join(DIR, 'fail')).map((f) => join(DIR, 'fail', f)),
      `${CORPUS}/wac-tests/examples/script.wac`,
    ];
    let cases = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (let n = 0; n <= text.length; n += 3) {
        cases++;
        try {
          parseWac(text.slice(0, n), 'p.wac');
        } catch (e) {
          if (!(e instanceof ComposeError)) throw new Error(`${file}[0..${n}]: ${String(e)}`);
          expect(e.rendered.length).toBeGreaterThan(0);
        }
      }
    }
    console.log(`parser robustness: ${cases} prefixes`);
  });

  it('reports unterminated comments and strings, and bad characters', () => {
    const msg = (t: string) => {
      try {
        parseWac(t, 'x.wac');
      } catch (e) {
        return (e as ComposeError).rendered.split('\n')[0];
      }
      return 'parsed';
    };
    expect(msg('package a:b;\n/* x')).toBe('unterminated block comment');
    expect(msg('package a:b;\nimport x as "y: func();')).toBe('unterminated string literal');
    expect(msg('package a:b;\nlet x = $;')).toBe('unexpected character `$`');
    expect(msg('package a:b;\nimport Foo_bar: func();')).toBe('identifier `Foo_bar` is not in kebab case');
    expect(msg('package a:b;\n/* a /* nested */ comment */\nimport f: func();')).toBe('parsed');
  });
});
