import type { ModuleMatrix } from './types.js';

export const directoryMatrix: ModuleMatrix = { module: 'directory', entries: [] };
