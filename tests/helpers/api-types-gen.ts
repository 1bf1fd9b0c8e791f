/**
 * Generates tests/helpers/api-types.ts (the typed client's types) from the OpenAPI
 * document of the app, with openapi-typescript. `npm run openapi:types` writes it;
 * tests/openapi-client.db.test.ts checks the committed file is what this gives today.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { openApiDocumentOffline } from '../../src/http/openapi-dump.js';

export const API_TYPES_FILE = fileURLToPath(new URL('./api-types.ts', import.meta.url));

export async function generateApiTypes(): Promise<string> {
  const doc = (await openApiDocumentOffline()) as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(doc, { silent: true });
  return COMMENT_HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`written: ${API_TYPES_FILE}`);
}
