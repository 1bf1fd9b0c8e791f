import { ALL, type ModuleMatrix } from './types.js';

export const coreMatrix: ModuleMatrix = {
  module: 'system+home',
  entries: [
    { method: 'GET', path: '/healthz', allow: ALL },
    { method: 'GET', path: '/readyz', allow: ALL },
    { method: 'GET', path: '/static/*', url: () => '/static/css/passerelle.css', allow: ALL },
    { method: 'GET', path: '/api', allow: ALL },
    { method: 'GET', path: '/api/openapi.json', allow: ALL },
    { method: 'GET', path: '/', allow: ALL },
    { method: 'GET', path: '/accessibilite', allow: ALL },
    { method: 'GET', path: '/mentions-legales', allow: ALL },
    { method: 'GET', path: '/confidentialite', allow: ALL },
  ],
};
