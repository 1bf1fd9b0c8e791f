/** Public surface of the projects module for other modules. */
export { loadProject, partnerOrgIds, type ProjectView } from './store.js';
