// Loading packages from the file system (wasm-tools' `Resolve::push_path`):
// a directory is one package made of all its `*.wit` files, plus a `deps/`
// folder whose sub-directories and single `.wit` files are dependencies. The
// error contexts added here reproduce wasm-tools' messages word for word.
//
// All files of one load go into a single `SourceMap` (so every span of the
// resulting `Resolve` is unambiguous) and are parsed in one go; the groups
// are then checked and resolved in wasm-tools' order (main package first,
// then `deps/` entries by name), so the first error reported is the same.

import type { Dirent } from 'node:fs';
import { hostFs } from './host-fs.js';
import type { PackageFile } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { SourceMap } from '../source-map.js';
import { ResolveError, withContext, withSource } from './errors.js';
import type { UnresolvedGroup } from './group.js';
import type { Resolve } from './types.js';
import { resolveGroup } from './unresolved.js';

/**
 * A wasm-encoded WIT package, decoded by a `decodeWasmPackage` hook: merges
 * the package (with the foreign packages it uses) into a `Resolve` and
 * returns the package's index there.
 */
export type DecodedWasmPackage = (into: Resolve) => number;

/** Decodes a wasm-encoded WIT package (wit-parser itself cannot: `@wit-ts/component` can). */
export type DecodeWasmPackage = (bytes: Uint8Array, path: string) => DecodedWasmPackage;

const wasmNotSupported = (inDeps: boolean) =>
  `not yet supported: wasm-encoded WIT packages${inDeps ? ' in deps/' : ''} (coming with the component-binary support)`;

/** Joins with `/` whatever the platform, like the paths in wasm-tools' messages. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

interface PendingGroup {
  files: { path: string; text: string }[];
  /** Contexts of errors in this group, outermost first (after the loader's own). */
  contexts: string[];
  /** An error found while reading, raised when the group's turn comes. */
  error?: ResolveError;
}

/** Collects the groups of one load, then parses and resolves them. */
export class Loader {
  readonly map = new SourceMap();
  /** Every diagnostic the parser reported, for all files of the load. */
  readonly diagnostics: Diagnostic[] = [];
  private readonly groups: PendingGroup[] = [];
  /** Decoded wasm packages, merged before the WIT groups are pushed (as wasm-tools does). */
  readonly wasmPackages: { merge: DecodedWasmPackage; contexts: string[] }[] = [];

  constructor(readonly decodeWasm?: DecodeWasmPackage) {}

  /** Whether any WIT group (or group error) was queued. */
  hasGroups(): boolean {
    return this.groups.length > 0;
  }

  addGroup(files: { path: string; text: string }[], contexts: string[] = []): void {
    // wasm-tools resolves the files of a package in path order.
    const sorted = files.slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.groups.push({ files: sorted, contexts });
  }

  addError(error: ResolveError, contexts: string[] = []): void {
    this.groups.push({ files: [], contexts, error });
  }

  /** Parses everything once, then checks and resolves each group in order. */
  resolveGroups(): UnresolvedGroup[] {
    const owner = new Map<string, PendingGroup>();
    for (const g of this.groups) {
      for (const f of g.files) {
        this.map.pushFile(f.path, f.text);
        owner.set(f.path, g);
      }
    }
    const parsed = this.map.parse();
    this.diagnostics.push(...parsed.diagnostics);
    const asts = new Map<string, PackageFile>(parsed.files.map((f) => [f.path, f.ast]));
    const firstError = new Map<PendingGroup, Diagnostic>();
    for (const d of parsed.diagnostics) {
      if (d.severity !== 'error') continue;
      const g = d.span === undefined ? this.groups[0] : owner.get(this.map.location(d.span.start).path);
      if (g !== undefined && !firstError.has(g)) firstError.set(g, d);
    }

    const out: UnresolvedGroup[] = [];
    for (const g of this.groups) {
      const run = (): UnresolvedGroup => {
        if (g.error !== undefined) throw g.error;
        const d = firstError.get(g);
        if (d !== undefined) {
          const err = new ResolveError(d.message, d.span);
          err.source = this.map;
          err.prerendered = this.map.render(d);
          throw err;
        }
        const { main, nested } = withSource(this.map, () => resolveGroup(g.files.map((f) => asts.get(f.path)!)));
        return { main, nested, source: this.map };
      };
      out.push(g.contexts.reduceRight<() => UnresolvedGroup>((f, c) => () => withContext(c, f), run)());
    }
    return out;
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return hostFs().readFileSync(path);
  } catch {
    throw new ResolveError(`failed to read path for WIT [${path}]`);
  }
}

/** One strict decoder for all reads (`decode` without `stream` keeps no state). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function readText(path: string, inDeps = false): string {
  if (!path.endsWith('.wasm') && !path.endsWith('.wat')) {
    // Fast path: Node decodes straight into a string. Invalid UTF-8 would
    // show up as U+FFFD; such files (and wasm, and read errors) take the
    // byte path below, which decides.
    let text: string | undefined;
    try {
      text = hostFs().readFileSync(path, 'utf8');
    } catch {
      // Reported (or not) by the byte path.
    }
    if (text !== undefined && !text.startsWith('\0asm') && !text.includes('\ufffd')) {
      // Like `TextDecoder`, which drops a leading byte order mark.
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = hostFs().readFileSync(path);
  } catch {
    throw new ResolveError(`failed to read path for WIT [${path}]`);
  }
  if (isWasm(path, bytes)) throw new ResolveError(wasmNotSupported(inDeps));
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ResolveError(`input file is not valid utf-8 [${path}]`);
  }
}

function isWasm(path: string, bytes: Uint8Array): boolean {
  if (path.endsWith('.wasm') || path.endsWith('.wat')) return true;
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

export function isDir(path: string): boolean {
  try {
    return hostFs().statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listDir(path: string): Dirent[] {
  try {
    return hostFs().readdirSync(path, { withFileTypes: true });
  } catch {
    throw new ResolveError(`failed to read directory ${JSON.stringify(path)}`);
  }
}

/** `isDir(joinPath(dir, entry.name))`, without a `stat` when the entry's type is known. */
function entryIsDir(dir: string, entry: Dirent): boolean {
  if (entry.isFile()) return false;
  if (entry.isDirectory()) return true;
  // Symbolic links (followed, like `stat`) and unknown entry types.
  return isDir(joinPath(dir, entry.name));
}

/** All `*.wit` files directly inside `dir`. */
function witFilesOf(dir: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const entry of listDir(dir)) {
    const name = entry.name;
    if (!name.endsWith('.wit')) continue;
    if (entryIsDir(dir, entry)) continue;
    files.push({ path: joinPath(dir, name), text: readText(joinPath(dir, name)) });
  }
  return files;
}

/** Queues the main package of directory `dir` and everything in its `deps/`. */
export function addDirectory(loader: Loader, dir: string): void {
  const pkgContext = `failed to parse package: ${dir}`;
  let entries: Dirent[];
  try {
    entries = listDir(dir);
    const files: { path: string; text: string }[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (!name.endsWith('.wit')) continue;
      if (entryIsDir(dir, entry)) continue;
      const path = joinPath(dir, name);
      files.push({ path, text: readText(path) });
    }
    loader.addGroup(files, [pkgContext]);
  } catch (e) {
    if (!(e instanceof ResolveError)) throw e;
    loader.addError(e, [pkgContext]);
    return;
  }
  // The listing above usually tells whether `deps` is a directory (not
  // found as such, e.g. `Deps` on a case-insensitive file system: ask).
  const depsEntry = entries.find((e) => e.name === 'deps');
  const deps = joinPath(dir, 'deps');
  if (!(depsEntry === undefined ? isDir(deps) : entryIsDir(dir, depsEntry))) return;
  const depsContext = `failed to parse dependency directory: ${deps}`;
  const depEntries = listDir(deps).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of depEntries) {
    const name = entry.name;
    const path = joinPath(deps, name);
    const dirEntry = entryIsDir(deps, entry);
    const contexts = dirEntry ? [depsContext, `failed to parse package: ${path}`] : [depsContext];
    try {
      if (dirEntry) loader.addGroup(witFilesOf(path), contexts);
      else if (/\.(wit|wat|wasm)$/.test(name)) addMaybeWasm(loader, path, contexts, true);
      // Anything else (`.DS_Store`, notes, …) is ignored, as in wasm-tools.
    } catch (e) {
      if (!(e instanceof ResolveError)) throw e;
      // Reported when its turn comes, after the errors of earlier groups.
      loader.addError(e, contexts);
      return;
    }
  }
}

/**
 * Queues a file that may be wasm-encoded. With a `decodeWasmPackage` hook,
 * `.wasm`/`.wat` go to the hook (decoded now, merged before the WIT packages
 * are pushed); without it, wasm is "not yet supported" (see `readText`).
 */
function addMaybeWasm(loader: Loader, path: string, contexts: string[], inDeps: boolean): void {
  const bytes = loader.decodeWasm === undefined ? undefined : readBytes(path);
  if (loader.decodeWasm === undefined || bytes === undefined || !isWasm(path, bytes)) {
    loader.addGroup([{ path, text: readText(path, inDeps) }], contexts);
    return;
  }
  let merge: DecodedWasmPackage;
  try {
    merge = loader.decodeWasm(bytes, path);
  } catch (e) {
    if (e instanceof ResolveError) throw e;
    throw new ResolveError(
      `failed to decode wasm-encoded WIT package [${path}]: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  loader.wasmPackages.push({ merge, contexts });
}

/** Queues a single file (which may hold nested packages). */
export function addFile(loader: Loader, path: string): void {
  addMaybeWasm(loader, path, [], false);
}
