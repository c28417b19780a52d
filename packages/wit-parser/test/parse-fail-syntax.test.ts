// wasm-tools' `tests/ui/parse-fail` cases that fail in the lexer or parser:
// our first diagnostic, rendered, must be exactly wasm-tools' `.wit.result`.
// Every other parse-fail case is a resolver error, and for those the parser
// must report nothing at all (no false positives).
//
// Files are pushed as `tests/ui/parse-fail/…` so paths in the rendering
// match the upstream harness.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostic.js';
import { SourceMap } from '../src/source-map.js';
import { corpusRoot, hasCorpus } from './support/corpus.js';

const dir = join(corpusRoot, 'wit-parser-ui', 'parse-fail');

interface Case {
  name: string;
  /** [path as pushed, text] */
  files: [string, string][];
  expected: string;
}

function loadCases(): Case[] {
  if (!hasCorpus) return [];
  const cases: Case[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    const isDir = statSync(full).isDirectory();
    if (!isDir && !entry.endsWith('.wit')) continue;
    const result = join(dir, `${isDir ? entry : entry.replace(/\.wit$/, '')}.wit.result`);
    if (!existsSync(result)) continue;
    const files: [string, string][] = [];
    if (isDir) {
      // Only the package's own files: deps are parsed by the resolver.
      for (const f of readdirSync(full).sort()) {
        if (f.endsWith('.wit')) files.push([`tests/ui/parse-fail/${entry}/${f}`, readFileSync(join(full, f), 'utf8')]);
      }
    } else {
      files.push([`tests/ui/parse-fail/${entry}`, readFileSync(full, 'utf8')]);
    }
    const expected = readFileSync(result, 'utf8').replace(/\r\n/g, '\n').trim();
    cases.push({ name: entry, files, expected });
  }
  return cases;
}

/** Whether wasm-tools reports this case from its lexer/parser. */
function isSyntaxError(expected: string): boolean {
  const first = expected.split('\n')[0];
  return /(^|: )(expected .*, found |type nesting too deep$|package nesting too deep$|unterminated )/.test(first);
}

function firstDiagnostic(c: Case): { sm: SourceMap; diagnostics: Diagnostic[] } {
  const sm = new SourceMap();
  for (const [path, text] of c.files) sm.pushFile(path, text);
  return { sm, diagnostics: sm.parse().diagnostics };
}

const cases = loadCases();
const syntax = cases.filter((c) => isSyntaxError(c.expected));
const others = cases.filter((c) => !isSyntaxError(c.expected));
let exact = 0;

describe.skipIf(!hasCorpus)('parse-fail: syntax errors', () => {
  it('finds the syntax-level cases', () => {
    expect(syntax.length).toBeGreaterThanOrEqual(25);
  });

  it.each(syntax.map((c) => [c.name, c]))('%s', (_name, c) => {
    const { sm, diagnostics } = firstDiagnostic(c);
    expect(diagnostics.length).toBeGreaterThan(0);
    const got = sm.render(diagnostics[0]);
    const [gotFirst, ...gotRest] = got.split('\n');
    const [expFirst, ...expRest] = c.expected.split('\n');
    if (c.files.length === 1) {
      expect(gotFirst).toBe(expFirst);
    } else {
      // Directory cases carry the resolver's "failed to resolve directory …"
      // context in front of the parser's message.
      expect(expFirst.endsWith(`: ${gotFirst}`)).toBe(true);
    }
    expect(gotRest).toEqual(expRest);
    exact++;
  });
});

describe.skipIf(!hasCorpus)('parse-fail: resolver errors get no parse diagnostics', () => {
  it.each(others.map((c) => [c.name, c]))('%s', (_name, c) => {
    const { sm, diagnostics } = firstDiagnostic(c);
    expect(diagnostics.map((d) => sm.render(d))).toEqual([]);
  });
});

afterAll(() => {
  if (hasCorpus) {
    console.log(`parse-fail syntax cases: ${exact}/${syntax.length} rendered exactly like wasm-tools`);
  }
});
