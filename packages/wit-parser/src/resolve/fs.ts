// Loading packages from the file system (wasm-tools' `Resolve::push_path`):
// a directory is one package made of all its `*.wit` files, plus a `deps/`
// folder whose sub-directories and single `.wit` files are dependencies. The
// error contexts added here reproduce wasm-tools' messages word for word.
//
// All files of one load go into a single `SourceMap` (so every span of the
// resulting `Resolve` is unambiguous) and are parsed in one go; the groups
// are then checked and resolved in wasm-tools' order (main package first,
// then `deps/` entries by name), so the first error reported is the same.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { PackageFile } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { SourceMap } from '../source-map.js';
import { ResolveError, withContext, withSource } from './errors.js';
import type { UnresolvedGroup } from './group.js';
import { resolveGroup } from './unresolved.js';

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

function readText(path: string, inDeps = false): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new ResolveError(`failed to read path for WIT [${path}]`);
  }
  if (isWasm(path, bytes)) throw new ResolveError(wasmNotSupported(inDeps));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    throw new ResolveError(`failed to read directory ${JSON.stringify(path)}`);
  }
}

/** All `*.wit` files directly inside `dir`. */
function witFilesOf(dir: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const name of listDir(dir)) {
    if (!name.endsWith('.wit')) continue;
    const path = joinPath(dir, name);
    if (isDir(path)) continue;
    files.push({ path, text: readText(path) });
  }
  return files;
}

/** Queues the main package of directory `dir` and everything in its `deps/`. */
export function addDirectory(loader: Loader, dir: string): void {
  const pkgContext = `failed to parse package: ${dir}`;
  try {
    loader.addGroup(witFilesOf(dir), [pkgContext]);
  } catch (e) {
    if (!(e instanceof ResolveError)) throw e;
    loader.addError(e, [pkgContext]);
    return;
  }
  const deps = joinPath(dir, 'deps');
  if (!isDir(deps)) return;
  const depsContext = `failed to parse dependency directory: ${deps}`;
  for (const name of listDir(deps).sort()) {
    const path = joinPath(deps, name);
    const contexts = isDir(path) ? [depsContext, `failed to parse package: ${path}`] : [depsContext];
    try {
      if (isDir(path)) loader.addGroup(witFilesOf(path), contexts);
      else if (/\.(wit|wat|wasm)$/.test(name)) loader.addGroup([{ path, text: readText(path, true) }], contexts);
      // Anything else (`.DS_Store`, notes, …) is ignored, as in wasm-tools.
    } catch (e) {
      if (!(e instanceof ResolveError)) throw e;
      // Reported when its turn comes, after the errors of earlier groups.
      loader.addError(e, contexts);
      return;
    }
  }
}

/** Queues a single file (which may hold nested packages). */
export function addFile(loader: Loader, path: string): void {
  loader.addGroup([{ path, text: readText(path) }]);
}
