// Path resolution beneath a directory descriptor, the core of the filesystem
// sandbox. Pure: the file system is reached through `ResolveOps`, so this runs
// (and is tested) anywhere.
//
// WASI gives every directory descriptor the semantics of openat2(RESOLVE_BENEATH)
// (what Wasmtime implements with cap-std): a path is relative to the
// descriptor and may never name anything outside it, neither lexically
// (`..` past the base, an absolute path) nor through a symbolic link (an
// absolute target, or a relative one climbing out). Escapes are refused with
// `error-code.not-permitted`, as Wasmtime and preview2-shim do.
//
// The result is a relative path with no `.`/`..`, no empty segments and no
// symbolic links in its directory part (nor in its last segment when the
// operation follows links), which the host may then join to the base. There
// is a window between this check and the host's use of the path (another
// host process could swap a directory for a link meanwhile); Node has no
// openat() to close it. Guests themselves cannot exploit it, as every path they
// pass goes through here.

/** What `lstat` says of a path (relative to the base). */
export type EntryKind = 'directory' | 'symlink' | 'other' | 'missing';

export interface ResolveOps {
  /** lstat of `rel` (relative to the base, `''` = the base). Throws an error-code string on failure other than not-found. */
  kind(rel: string): EntryKind;
  /** readlink of `rel`. */
  readlink(rel: string): string;
}

/** Like Linux' MAXSYMLINKS. */
export const MAX_SYMLINK_HOPS = 40;

/** Error codes `resolveBeneath` throws (as bare `error-code` strings, like preview2-shim). */
export type ResolveErrorCode = 'not-permitted' | 'no-entry' | 'not-directory' | 'loop' | 'invalid';

function split(path: string): string[] {
  // Backslashes are separators too: preview2-shim turns them into slashes,
  // so they must not sneak a segment past this check.
  return path.replace(/\\/g, '/').split('/');
}

/**
 * Resolves `path` beneath the base. `followFinal`: whether a symbolic link in
 * the last segment is followed (openat with symlink-follow, stat, …) or is the
 * object itself (readlink, unlink, rename, …). A trailing slash keeps its
 * meaning (the result ends with `/`; the last segment must be a directory, so
 * a link there is followed).
 *
 * Throws (bare strings) `not-permitted` for an escape, `loop` after too many
 * links, `no-entry`/`not-directory` for a missing or non-directory
 * intermediate, `invalid` for a NUL byte.
 */
export function resolveBeneath(ops: ResolveOps, path: string, followFinal: boolean): string {
  if (path.includes('\0')) throw 'invalid' satisfies ResolveErrorCode;
  const normalized = path.replace(/\\/g, '/');
  if (normalized.startsWith('/')) throw 'not-permitted' satisfies ResolveErrorCode;
  const trailingSlash = /\/\.?$/.test(normalized) || normalized === '.';
  const queue = split(normalized).filter((s) => s !== '' && s !== '.');
  const stack: string[] = [];
  let hops = 0;

  while (queue.length > 0) {
    const seg = queue.shift()!;
    if (seg === '..') {
      if (stack.length === 0) throw 'not-permitted' satisfies ResolveErrorCode;
      stack.pop();
      continue;
    }
    const isLast = queue.length === 0;
    const rel = [...stack, seg].join('/');
    const kind = ops.kind(rel);
    if (kind === 'symlink' && (!isLast || followFinal || trailingSlash)) {
      if (++hops > MAX_SYMLINK_HOPS) throw 'loop' satisfies ResolveErrorCode;
      const target = ops.readlink(rel).replace(/\\/g, '/');
      // An absolute target names the host's root, never something beneath the base.
      if (target.startsWith('/') || target === '') throw 'not-permitted' satisfies ResolveErrorCode;
      queue.unshift(...split(target).filter((s) => s !== '' && s !== '.'));
      continue;
    }
    if (!isLast) {
      if (kind === 'missing') throw 'no-entry' satisfies ResolveErrorCode;
      if (kind !== 'directory') throw 'not-directory' satisfies ResolveErrorCode;
    }
    stack.push(seg);
  }
  const rel = stack.join('/');
  return trailingSlash && rel !== '' ? `${rel}/` : rel;
}
