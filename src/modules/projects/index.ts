/** Public surface of the projects module for other modules. */
export { loadProject, type ProjectView, partnerOrgIds } from './store.js';
