import type { Catalogue } from '../../i18n/catalogue.js';

export const authMessages: Catalogue = { fr: {}, en: {} };
