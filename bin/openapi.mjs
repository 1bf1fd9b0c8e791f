#!/usr/bin/env node
// Prints the OpenAPI document of the API without starting a server or opening a
// database (`npm run lint:openapi` lints it with Redocly; tests generate the typed client).
// Usage: node bin/openapi.mjs [out.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { openApiDocumentOffline } = await import('../src/http/openapi-dump.ts');
const doc = JSON.stringify(await openApiDocumentOffline(), null, 2);
if (process.argv[2]) {
  mkdirSync(dirname(process.argv[2]), { recursive: true });
  writeFileSync(process.argv[2], `${doc}\n`);
} else process.stdout.write(`${doc}\n`);
