// Exit codes shared by every command, and the one-line usage error.
//
// 0: success. 1: the input is invalid (diagnostics were printed) or a
// `--check` found work to do. 2: the command line itself is wrong (unknown
// flag, missing file): one clear line, no stack trace.

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Raised by commands for usage problems; main prints `message` alone. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
