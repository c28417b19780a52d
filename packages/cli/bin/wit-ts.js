#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in ../dist.
import { main } from '../dist/main.js';

// `wit-ts … | head` closes the pipe early: stop quietly, like other CLI tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
