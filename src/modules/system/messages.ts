import type { Catalogue } from '../../i18n/catalogue.js';

export const systemMessages: Catalogue = {
  fr: {
    'api.title': 'API de Passerelle',
    'api.lead':
      'Les données de Passerelle sont accessibles en JSON, avec les mêmes règles d’accès que les pages.',
    'api.openapi': 'Description complète au format OpenAPI 3.1 :',
    'api.auth_title': 'Authentification',
    'api.auth_text':
      'Créez un jeton personnel depuis « Mon compte » (lecture seule ou lecture-écriture) et envoyez-le dans l’en-tête Authorization. Le jeton n’est affiché qu’une fois.',
    'api.endpoints': 'Points d’accès',
    'api.col_method': 'Méthode',
    'api.col_path': 'Chemin',
    'api.col_summary': 'Description',
    'api.col_tag': 'Thème',
  },
  en: {
    'api.title': 'Passerelle API',
    'api.lead': 'Passerelle data is available as JSON, with the same access rules as the pages.',
    'api.openapi': 'Full description in OpenAPI 3.1:',
    'api.auth_title': 'Authentication',
    'api.auth_text':
      'Create a personal token from “My account” (read-only or read-write) and send it in the Authorization header. The token is shown only once.',
    'api.endpoints': 'Endpoints',
    'api.col_method': 'Method',
    'api.col_path': 'Path',
    'api.col_summary': 'Description',
    'api.col_tag': 'Topic',
  },
};
