#!/usr/bin/env node
// Entry of `npx vanthu`: registers the TypeScript loader, then runs the command dispatcher.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../infra/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
