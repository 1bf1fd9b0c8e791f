import type { Deps } from '../../../http/context.js';
import type { Registrar } from '../../../http/registry.js';
import { registerTerritoryApi } from './api.js';
import { registerTerritoryPages } from './pages.js';

/** Routes of the territory part of the directory (called from the directory module's register). */
export function registerTerritoryRoutes(r: Registrar, _deps: Deps) {
  registerTerritoryApi(r);
  registerTerritoryPages(r);
}
