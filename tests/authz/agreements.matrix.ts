import type { ModuleMatrix } from './types.js';

export const agreementsMatrix: ModuleMatrix = { module: 'agreements', entries: [] };
