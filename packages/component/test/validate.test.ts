/**
 * Validator over the corpora: every valid component must validate without
 * issues; for `assert_invalid` / `assert_malformed` cases we report how many
 * are rejected (no threshold yet, but a floor guards against regressions).
 */
import { parse } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeComponent,
  DecodeError,
  validateComponent,
  VALIDATOR_CHECKS,
  ValidationError,
  assertValidComponent,
} from '../src/index.js';
import { assembleCorpus } from './support/corpus.js';

let corpus: Awaited<ReturnType<typeof assembleCorpus>>;

beforeAll(async () => {
  corpus = await assembleCorpus(parse);
});

function outcome(bytes: Uint8Array): { kind: 'valid' | 'invalid' | 'malformed'; message?: string } {
  try {
    const issues = validateComponent(decodeComponent(bytes));
    return issues.length ? { kind: 'invalid', message: issues[0].message } : { kind: 'valid' };
  } catch (e) {
    if (e instanceof DecodeError) return { kind: 'malformed', message: e.message };
    throw e;
  }
}

describe('validator', () => {
  it('accepts every valid corpus component', () => {
    const bad: string[] = [];
    const all = [...corpus.witComponent, ...corpus.wastValid];
    for (const s of all) {
      const issues = validateComponent(decodeComponent(s.bytes));
      if (issues.length) bad.push(`${s.name}: ${issues.map((i) => `${i.section}[${i.item}] ${i.message}`).join('; ')}`);
    }
    console.log(`[validate] valid components accepted: ${all.length - bad.length}/${all.length}`);
    console.log(`[validate] ${VALIDATOR_CHECKS.length} check groups:\n  - ${VALIDATOR_CHECKS.join('\n  - ')}`);
    expect(bad).toEqual([]);
  });

  it('rejects assert_invalid components (reported count)', () => {
    let rejected = 0;
    const missed: string[] = [];
    for (const s of corpus.wastInvalid) {
      const o = outcome(s.bytes);
      if (o.kind !== 'valid') rejected++;
      else missed.push(`${s.name} (${s.message})`);
    }
    console.log(`[validate] assert_invalid rejected: ${rejected}/${corpus.wastInvalid.length}`);
    const byFile = new Map<string, number>();
    for (const m of missed) byFile.set(m.split('#')[0], (byFile.get(m.split('#')[0]) ?? 0) + 1);
    console.log(`[validate] not yet rejected, by file: ${[...byFile].map(([f, n]) => `${f}: ${n}`).join(', ')}`);
    expect(rejected).toBeGreaterThanOrEqual(365);
  });

  it('rejects assert_malformed components (reported count)', () => {
    let rejected = 0;
    for (const s of corpus.wastMalformed) if (s.bytes.length === 0 || outcome(s.bytes).kind !== 'valid') rejected++;
    console.log(
      `[validate] assert_malformed rejected (decoder, validator or text parser): ${rejected}/${corpus.wastMalformed.length}`,
    );
    expect(rejected).toBeGreaterThanOrEqual(corpus.wastMalformed.length - 2);
  });

  it('issues name the section, the item index and the byte offset', async () => {
    const bytes = await parse(`(component
      (core module $m (func (export "f")))
      (core instance $i (instantiate $m))
      (type $t (func (param "s" string)))
      (canon lift (core func $i "f") (func (type $t)))
    )`);
    const c = decodeComponent(bytes);
    const issues = validateComponent(c);
    expect(issues.length).toBeGreaterThan(0);
    const realloc = issues.find((i) => i.message.includes('realloc'));
    expect(realloc).toBeDefined();
    const canon = c.sections.find((s) => s.kind === 'canon');
    expect(canon?.kind).toBe('canon');
    if (canon?.kind !== 'canon') return;
    expect(realloc!.section).toBe('canon');
    expect(realloc!.item).toBe(0);
    expect(realloc!.offset).toBe(canon.items[0].offset);
    expect(() => assertValidComponent(c)).toThrow(ValidationError);
    expect(() => assertValidComponent(c)).toThrow(/canon\[0\]: .* at offset 0x/);
  });

  it('checks core instantiation against module imports', async () => {
    const bytes = await parse(`(component
      (core module $a (func (export "f") (param i32)))
      (core module $b (import "a" "f" (func (param i64))))
      (core instance $ia (instantiate $a))
      (core instance (instantiate $b (with "a" (instance $ia))))
    )`);
    const issues = validateComponent(decodeComponent(bytes));
    expect(issues.map((i) => i.message).join()).toMatch(/function types do not match/);
  });

  it('checks names: kebab case and strong uniqueness', async () => {
    const bytes = await parse(`(component
      (import "a-B" (func))
      (import "A-b" (func))
      (import "not_kebab" (func))
    )`);
    const msgs = validateComponent(decodeComponent(bytes)).map((i) => i.message);
    expect(msgs.some((m) => m.includes('conflicts'))).toBe(true);
    expect(msgs.some((m) => m.includes('kebab'))).toBe(true);
  });

  it('checks name attributes (versionsuffix needs a canonical version)', async () => {
    const ok = await parse('(component (import "a:b/c@1" (versionsuffix ".2.3") (instance)))');
    expect(validateComponent(decodeComponent(ok))).toEqual([]);
    const bad = await parse('(component (import "a:b/c@1.2.3" (versionsuffix ".4") (instance)))');
    const issues = validateComponent(decodeComponent(bad));
    expect(issues.map((i) => i.message)).toEqual([
      '`versionsuffix` on `a:b/c@1.2.3` requires a canonical interface version',
    ]);
    expect(issues[0]).toMatchObject({ section: 'import', item: 0, component: 0 });
  });

  it('reports issues inside nested components with the nested component offset', async () => {
    const bytes = await parse('(component (component (import "BAD_name" (func))))');
    const c = decodeComponent(bytes);
    const nested = c.sections.find((s) => s.kind === 'component');
    const issues = validateComponent(c);
    expect(issues.length).toBe(1);
    expect(issues[0].component).toBe(nested?.kind === 'component' ? nested.component.range.start : -1);
    expect(issues[0].component).toBeGreaterThan(0);
  });
});
