import type { Catalogue } from '../../i18n/catalogue.js';

export const directoryMessages: Catalogue = { fr: {}, en: {} };
