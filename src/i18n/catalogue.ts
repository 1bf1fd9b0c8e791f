import { homeMessages } from '../modules/home/messages.js';
import { systemMessages } from '../modules/system/messages.js';
import { coreMessages } from './core.messages.js';

export interface Catalogue {
  fr: Record<string, string>;
  en?: Record<string, string>;
}

/** Every module's messages; keys are namespaced by module and must not collide. */
export const catalogues: Catalogue[] = [coreMessages, systemMessages, homeMessages];
