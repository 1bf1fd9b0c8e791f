import type { Catalogue } from '../../../i18n/catalogue.js';

/** Messages of the territory part of the directory (keys `territory.*`). */
export const territoryMessages: Catalogue = {
  fr: {
    'territory.api.insee_malformed':
      'Le code INSEE « {code} » n’est pas valide : indiquez 5 caractères, par exemple 75056 ou 2A004.',
    'territory.api.insee_unknown':
      'Aucune commune ne porte le code INSEE « {code} », ni aujourd’hui ni avant une fusion.',
    'territory.api.q_invalid':
      'Indiquez le début du nom d’une commune (100 caractères au plus) dans le paramètre q.',
  },
  en: {},
};
