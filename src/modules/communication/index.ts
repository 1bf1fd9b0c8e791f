/** Public surface of the communication module (issue 13, art. 3). Other modules import only from here. */
export { communicationMessages } from './messages.js';
export { communicationModule } from './routes.js';
