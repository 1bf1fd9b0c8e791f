import type { Module } from '../index.js';
import { registerProfileApi } from './api-profile.js';
import { registerProfilePages } from './routes-profile.js';
import { registerTerritoryRoutes } from './territory/routes.js';

export const directoryModule: Module = {
  name: 'directory',
  register(r, deps) {
    registerProfileApi(r, deps);
    registerProfilePages(r, deps);
    registerTerritoryRoutes(r, deps);
  },
};
