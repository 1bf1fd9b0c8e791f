import type { Catalogue } from '../../i18n/catalogue.js';

export const adminMessages: Catalogue = { fr: {}, en: {} };
