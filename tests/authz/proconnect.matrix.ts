import type { ModuleMatrix } from './types.js';

export const proconnectMatrix: ModuleMatrix = { module: 'proconnect', entries: [] };
