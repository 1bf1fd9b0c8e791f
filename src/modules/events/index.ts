/** Public surface of the events module (issue 13). Other modules import only from here. */
export { type EventStats, eventStats } from './event-stats.js';
export { eventsMessages } from './messages.js';
export { eventsModule } from './routes.js';
