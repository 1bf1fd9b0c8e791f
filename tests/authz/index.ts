import { coreMatrix } from './core.matrix.js';
import type { ModuleMatrix } from './types.js';

/** Every module's part of the authorisation matrix. Add yours here. */
export const matrices: ModuleMatrix[] = [coreMatrix];
