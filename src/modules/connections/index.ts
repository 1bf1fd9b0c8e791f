/** Public surface of the connections module: what other modules may use. */
export {
  type AreaOpportunities,
  opportunitiesOfArea,
  type RequestToAnswer,
  requestsToAnswer,
} from './dashboard.js';
export { connectionsModule } from './routes.js';
