import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json, migrations/ and public/ live). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
