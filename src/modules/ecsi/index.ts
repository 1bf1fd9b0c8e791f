/** Public surface of the ECSI module (issue 13). Other modules import only from here. */
export { type EcsiAwarenessStats, ecsiAwarenessStats } from './awareness-stats.js';
export { ecsiMessages } from './messages.js';
export { ecsiModule } from './routes.js';
