import { type ModuleMatrix, NETWORK_ADMINS } from './types.js';

/** The partnership's indicators (issue 12): network staff only, pages, exports and API. */
export const evaluationMatrix: ModuleMatrix = {
  module: 'evaluation',
  entries: [
    { method: 'GET', path: '/evaluation', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/evaluation/indicateurs.csv', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/evaluation/indicateurs.xlsx', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/api/v1/evaluation/indicators', allow: NETWORK_ADMINS },
  ],
};
