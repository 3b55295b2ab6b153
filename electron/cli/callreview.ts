#!/usr/bin/env node
import { main } from './main.js';

// The bin entry: only runs main and sets the exit code, so tests can import main directly.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`callreview: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
