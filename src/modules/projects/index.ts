/** Public surface of the projects module: what other modules may use. */
export { type DashboardProject, projectsDashboard } from './dashboard.js';
export { publishedProjectsByOrganisation } from './partnerships.js';
export { projectsModule } from './routes.js';
export { loadProject, type ProjectView, partnerOrgIds } from './store.js';
