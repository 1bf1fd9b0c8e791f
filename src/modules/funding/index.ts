/** Public surface of the funding module: what other modules may use. */
export { type NewCall, newCallsForUser } from './dashboard.js';
export { fundingModule } from './routes.js';
