import type { Module } from '../index.js';
import { registerProfileApi } from './api-profile.js';
import { reminderJobs, reminderSchedules } from './reminders.js';
import { registerProfilePages } from './routes-profile.js';
import { registerSearchRoutes } from './routes-search.js';
import { seedDirectoryDemo } from './seed-demo.js';
import { queueFirstStartImport, territoryJobs } from './territory/jobs.js';
import { registerTerritoryRoutes } from './territory/routes.js';

export const directoryModule: Module = {
  name: 'directory',
  jobs: (deps) => ({ ...reminderJobs(deps), ...territoryJobs() }),
  // Demo mode, first start: the national directory is imported in the background.
  async firstDemoStart(deps) {
    await queueFirstStartImport(deps.db);
  },
  schedules: reminderSchedules,
  seedDemo: seedDirectoryDemo,
  register(r, deps) {
    // Search first: /api/v1/organisations/autocomplete before /api/v1/organisations/{id}.
    registerSearchRoutes(r, deps);
    registerProfileApi(r, deps);
    registerProfilePages(r, deps);
    registerTerritoryRoutes(r, deps);
  },
};
