import { ALL, type ModuleMatrix } from './types.js';

/** Routes of the territory part of the directory (src/modules/directory/territory). */
export const territoryMatrix: ModuleMatrix = {
  module: 'directory/territory',
  entries: [
    {
      method: 'GET',
      path: '/api/v1/territories/communes/:insee',
      url: () => '/api/v1/territories/communes/75056',
      allow: ALL,
    },
    { method: 'GET', path: '/api/v1/territories/communes', url: () => '/api/v1/territories/communes?q=par', allow: ALL },
  ],
};
