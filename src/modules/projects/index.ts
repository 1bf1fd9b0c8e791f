/** Public surface of the projects module for other modules. */
export { publishedProjectsByOrganisation } from './partnerships.js';
