/**
 * Public surface of the connections module: what other modules may use.
 * - `pendingRelaysFor(db, actor)`: the connection requests network staff have to relay
 *   (count of those not yet passed on + items), for the dashboard.
 * - `openRequestBetween(db, a, b)`: the open request between two organisations, if any
 *   (organisation pages show its state instead of offering a second one).
 */
export {
  type AreaOpportunities,
  opportunitiesOfArea,
  type RequestToAnswer,
  requestsToAnswer,
} from './dashboard.js';
export { openRequestBetween, pendingRelaysFor, type RelayItem } from './read-relays.js';
export { connectionsModule } from './routes.js';
