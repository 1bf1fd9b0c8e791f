import type { ModuleMatrix } from './types.js';

export const authMatrix: ModuleMatrix = { module: 'auth', entries: [] };
