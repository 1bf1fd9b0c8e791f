import { adminMessages } from '../modules/admin/messages.js';
import { agreementsMessages } from '../modules/agreements/messages.js';
import { authMessages } from '../modules/auth/messages.js';
import { communicationMessages } from '../modules/communication/messages.js';
import { connectionsMessages } from '../modules/connections/messages.js';
import { connectionsRelayMessages } from '../modules/connections/messages-relay.js';
import { directoryMessages } from '../modules/directory/messages.js';
import { territoryMessages } from '../modules/directory/territory/messages.js';
import { ecsiMessages } from '../modules/ecsi/messages.js';
import { eventsMessages } from '../modules/events/messages.js';
import { fundingMessages } from '../modules/funding/messages.js';
import { homeMessages } from '../modules/home/messages.js';
import { proconnectMessages } from '../modules/proconnect/messages.js';
import { projectsMessages } from '../modules/projects/messages.js';
import { systemMessages } from '../modules/system/messages.js';
import { coreMessages } from './core.messages.js';

export interface Catalogue {
  fr: Record<string, string>;
  en?: Record<string, string>;
}

/** Every module's messages; keys are namespaced by module and must not collide. */
export const catalogues: Catalogue[] = [
  coreMessages,
  systemMessages,
  homeMessages,
  authMessages,
  proconnectMessages,
  adminMessages,
  directoryMessages,
  territoryMessages,
  agreementsMessages,
  connectionsMessages,
  connectionsRelayMessages,
  fundingMessages,
  projectsMessages,
  eventsMessages,
  ecsiMessages,
  communicationMessages,
];
