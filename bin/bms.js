#!/usr/bin/env node
// The `bms` command: runs src/cli/main.ts through tsx, so that the repository needs no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// An explicit tsconfig keeps tsx from reading the tsconfig.json of the working directory,
// which belongs to whatever project the command happens to be run from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
