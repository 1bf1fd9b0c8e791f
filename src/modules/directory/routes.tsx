import type { Module } from '../index.js';
import { registerTerritoryRoutes } from './territory/routes.js';

export const directoryModule: Module = {
  name: 'directory',
  register(r, deps) {
    registerTerritoryRoutes(r, deps);
  },
};
