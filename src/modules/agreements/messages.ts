import type { Catalogue } from '../../i18n/catalogue.js';

export const agreementsMessages: Catalogue = { fr: {}, en: {} };
