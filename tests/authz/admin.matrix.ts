import type { ModuleMatrix } from './types.js';

export const adminMatrix: ModuleMatrix = { module: 'admin', entries: [] };
