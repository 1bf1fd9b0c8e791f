/** Public surface of the directory module for other modules. */
export {
  asReader,
  isInsider,
  mayRead,
  type Reader,
  SHARING_LEVELS,
  type SharingLevel,
  visibleLevels,
} from './domain/sharing.js';
export { type ContactRow, readContacts } from './profiles.js';
export { type AutocompleteItem, autocompleteOrganisations } from './search.js';
