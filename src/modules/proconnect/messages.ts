import type { Catalogue } from '../../i18n/catalogue.js';

export const proconnectMessages: Catalogue = { fr: {}, en: {} };
