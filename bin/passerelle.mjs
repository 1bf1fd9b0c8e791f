#!/usr/bin/env node
// Entry point of the `passerelle` command and of `npm start`: TypeScript sources run
// through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
