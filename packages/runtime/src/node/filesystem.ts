// `wasi:filesystem/types` + `wasi:filesystem/preopens` with a sandbox guard
// over preview2-shim.
//
// preview2-shim joins guest paths to the host path lexically: it refuses an
// absolute path or a `..` past the descriptor, but Node follows symbolic links
// anywhere, so a link inside a preopen pointing outside (`ln -s /etc escape`)
// would give the guest the whole host. Every `Descriptor` handed to the guest
// is therefore ours: it wraps a shim descriptor and resolves each path
// argument beneath itself first (`resolveBeneath`: symlinks are expanded one
// by one, escapes refused with `error-code.not-permitted`), then passes the
// shim a path free of links and `..`.
//
// Each descriptor is a sandbox root of its own, as in Wasmtime: `..` from a
// directory opened below a preopen cannot climb above that directory.

import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { fail } from '../wasi/errors.js';
import { resolveBeneath, type EntryKind, type ResolveOps } from '../wasi/path.js';
import { WasiConfigError, type WasiPolicy } from '../wasi/policy.js';
import { shim, type ShimDescriptor } from './shim.js';

const symbolDispose: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('dispose');

interface PathFlags {
  symlinkFollow?: boolean;
}
interface OpenFlags {
  create?: boolean;
  directory?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
}
interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  fileIntegritySync?: boolean;
  dataIntegritySync?: boolean;
  requestedWriteSync?: boolean;
  mutateDirectory?: boolean;
}

/** Node fs error → `error-code` (the subset lstat/readlink produce; others via the shim). */
function fsErrorCode(e: unknown): string {
  switch ((e as { code?: string }).code) {
    case 'ENOENT':
      return 'no-entry';
    case 'ENOTDIR':
      return 'not-directory';
    case 'EACCES':
      return 'access';
    case 'EPERM':
      return 'not-permitted';
    case 'ELOOP':
      return 'loop';
    case 'ENAMETOOLONG':
      return 'name-too-long';
    case 'EINVAL':
      return 'invalid';
    default:
      return 'io';
  }
}

function hostOps(base: string): ResolveOps {
  const full = (rel: string) => (rel === '' ? base : `${base}/${rel}`);
  return {
    kind(rel): EntryKind {
      try {
        const st = lstatSync(full(rel));
        return st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : 'other';
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') return 'missing';
        throw fsErrorCode(e);
      }
    },
    readlink(rel) {
      try {
        return readlinkSync(full(rel));
      } catch (e) {
        throw fsErrorCode(e);
      }
    },
  };
}

interface State {
  inner: ShimDescriptor;
  /** Real (symlink-free) absolute host path. */
  hostPath: string;
  readOnly: boolean;
  preopen: boolean;
  flags: DescriptorFlags;
}

const KEY = Symbol('wit-ts descriptor');

const call = (inner: ShimDescriptor, method: string, ...args: unknown[]): unknown =>
  (inner[method] as (...a: unknown[]) => unknown)(...args);

/**
 * `wasi:filesystem/types.descriptor`. Not constructible by guests (WASI has no
 * constructor); instances come from `get-directories` and `open-at`.
 */
export class Descriptor {
  readonly #s: State;

  constructor(key: symbol, state: State) {
    if (key !== KEY) throw new TypeError('Descriptor is not constructible');
    this.#s = state;
  }

  // -- helpers ---------------------------------------------------------------

  static #state(d: unknown): State {
    if (!(d instanceof Descriptor)) fail('bad-descriptor');
    return d.#s;
  }

  #resolve(path: string, follow: boolean): string {
    if (typeof path !== 'string') fail('invalid');
    return resolveBeneath(hostOps(this.#s.hostPath), path, follow);
  }

  #mutation(): void {
    if (this.#s.readOnly) fail('read-only');
  }

  #inner(method: string, ...args: unknown[]): unknown {
    return call(this.#s.inner, method, ...args);
  }

  // -- streams and data --------------------------------------------------------

  readViaStream(offset: bigint): unknown {
    return this.#inner('readViaStream', offset);
  }
  writeViaStream(offset: bigint): unknown {
    this.#mutation();
    return this.#inner('writeViaStream', offset);
  }
  appendViaStream(): unknown {
    this.#mutation();
    return this.#inner('appendViaStream');
  }
  advise(offset: bigint, length: bigint, advice: string): unknown {
    return this.#inner('advise', offset, length, advice);
  }
  syncData(): unknown {
    return this.#s.preopen ? undefined : this.#inner('syncData');
  }
  getFlags(): DescriptorFlags {
    return { ...this.#s.flags };
  }
  getType(): unknown {
    return this.#s.preopen ? 'directory' : this.#inner('getType');
  }
  setSize(size: bigint): unknown {
    this.#mutation();
    return this.#inner('setSize', size);
  }
  setTimes(atime: unknown, mtime: unknown): unknown {
    this.#mutation();
    if (this.#s.preopen) return this.#inner('setTimesAt', { symlinkFollow: true }, '', atime, mtime);
    return this.#inner('setTimes', atime, mtime);
  }
  read(length: bigint, offset: bigint): unknown {
    return this.#inner('read', length, offset);
  }
  write(buffer: Uint8Array, offset: bigint): unknown {
    this.#mutation();
    return this.#inner('write', buffer, offset);
  }
  readDirectory(): unknown {
    // The shim lists by path; a preopen has none of its own, so list via the base.
    if (!this.#s.preopen) return this.#inner('readDirectory');
    const dir = this.#inner('openAt', {}, '', { directory: true }, { read: true }) as ShimDescriptor;
    try {
      return call(dir, 'readDirectory');
    } finally {
      (dir[symbolDispose as unknown as string] as () => void)?.call(dir);
    }
  }
  sync(): unknown {
    return this.#s.preopen ? undefined : this.#inner('sync');
  }
  stat(): unknown {
    if (this.#s.preopen) return this.#inner('statAt', { symlinkFollow: true }, '');
    return this.#inner('stat');
  }
  isSameObject(other: unknown): boolean {
    if (!(other instanceof Descriptor)) return false;
    return other === this || other.#s.inner === this.#s.inner || other.#s.hostPath === this.#s.hostPath;
  }
  metadataHash(): unknown {
    if (this.#s.preopen) return this.#inner('metadataHashAt', { symlinkFollow: true }, '');
    return this.#inner('metadataHash');
  }

  // -- path operations (guarded) ---------------------------------------------------

  openAt(pathFlags: PathFlags, path: string, openFlags: OpenFlags, flags: DescriptorFlags): Descriptor {
    const follow = pathFlags?.symlinkFollow === true;
    const mutates = flags?.write || flags?.mutateDirectory || openFlags?.create || openFlags?.truncate;
    if (mutates && this.#s.readOnly) fail('read-only');
    const rel = this.#resolve(path, follow);
    // `mutate-directory` is a permission of ours; the shim cannot honour it and refuses it.
    const { mutateDirectory, ...shimFlags } = flags ?? {};
    const inner = this.#inner('openAt', pathFlags, rel, openFlags, shimFlags) as ShimDescriptor;
    const clean = rel.replace(/\/$/, '');
    return new Descriptor(KEY, {
      inner,
      hostPath: clean === '' ? this.#s.hostPath : `${this.#s.hostPath}/${clean}`,
      readOnly: this.#s.readOnly,
      preopen: false,
      flags: { ...shimFlags, ...(mutateDirectory && this.#s.flags.mutateDirectory ? { mutateDirectory } : {}) },
    });
  }
  statAt(pathFlags: PathFlags, path: string): unknown {
    return this.#inner('statAt', pathFlags, this.#resolve(path, pathFlags?.symlinkFollow === true));
  }
  metadataHashAt(pathFlags: PathFlags, path: string): unknown {
    return this.#inner('metadataHashAt', pathFlags, this.#resolve(path, pathFlags?.symlinkFollow === true));
  }
  setTimesAt(pathFlags: PathFlags, path: string, atime: unknown, mtime: unknown): unknown {
    this.#mutation();
    return this.#inner('setTimesAt', pathFlags, this.#resolve(path, pathFlags?.symlinkFollow === true), atime, mtime);
  }
  readlinkAt(path: string): unknown {
    return this.#inner('readlinkAt', this.#resolve(path, false));
  }
  createDirectoryAt(path: string): unknown {
    this.#mutation();
    return this.#inner('createDirectoryAt', this.#resolve(path, false));
  }
  removeDirectoryAt(path: string): unknown {
    this.#mutation();
    return this.#inner('removeDirectoryAt', this.#resolve(path, false));
  }
  unlinkFileAt(path: string): unknown {
    this.#mutation();
    return this.#inner('unlinkFileAt', this.#resolve(path, false));
  }
  symlinkAt(oldPath: string, newPath: string): unknown {
    this.#mutation();
    // The link's text is only data; following it later goes through the guard.
    return this.#inner('symlinkAt', oldPath, this.#resolve(newPath, false));
  }
  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): unknown {
    const target = Descriptor.#state(newDescriptor);
    this.#mutation();
    if (target.readOnly) fail('read-only');
    const from = this.#resolve(oldPath, false);
    const to = newDescriptor.#resolve(newPath, false);
    return this.#inner('renameAt', from, target.inner, to);
  }
  linkAt(oldPathFlags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): unknown {
    const target = Descriptor.#state(newDescriptor);
    this.#mutation();
    if (target.readOnly) fail('read-only');
    const from = this.#resolve(oldPath, oldPathFlags?.symlinkFollow === true);
    const to = newDescriptor.#resolve(newPath, false);
    // The source is already resolved: do not let the shim follow anything again.
    return this.#inner('linkAt', { symlinkFollow: false }, from, target.inner, to);
  }

  [symbolDispose](): void {
    if (this.#s.preopen) return; // shared by every get-directories call
    (this.#s.inner[symbolDispose as unknown as string] as (() => void) | undefined)?.call(this.#s.inner);
  }
}

/** The preopened directories of a policy, checked on the host (they must exist and be directories). */
export interface Preopens {
  getDirectories(): Array<[Descriptor, string]>;
}

export function createPreopens(policy: WasiPolicy): Preopens {
  const roots = policy.preopens.map((p) => {
    let hostPath: string;
    try {
      hostPath = realpathSync(p.host);
      if (!statSync(hostPath).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      throw new WasiConfigError(`preopen ${JSON.stringify(p.host)}: ${(e as Error).message}`);
    }
    // An isolated shim namespace per preopen, keyed by the real host path.
    const [[inner]] = shim.filesystem.createFilesystem({ preopens: { [p.guest]: hostPath } }).preopens.getDirectories();
    const state: State = {
      inner,
      hostPath,
      readOnly: p.readOnly,
      preopen: true,
      flags: p.readOnly ? { read: true } : { read: true, mutateDirectory: true },
    };
    return { state, guest: p.guest };
  });
  return {
    // Fresh wrappers per call: each call hands the guest new owned handles.
    getDirectories: () => roots.map(({ state, guest }): [Descriptor, string] => [new Descriptor(KEY, state), guest]),
  };
}

/** `wasi:filesystem/types` with our `Descriptor`. */
export function createFilesystemTypes(): object {
  return {
    Descriptor,
    DirectoryEntryStream: shim.filesystem.types.DirectoryEntryStream,
    filesystemErrorCode(err: unknown): unknown {
      try {
        return shim.filesystem.types.filesystemErrorCode(err);
      } catch {
        return undefined;
      }
    },
  };
}
