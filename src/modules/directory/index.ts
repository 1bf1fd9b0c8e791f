/** Public surface of the directory module for other modules. */

// One country input everywhere (issue 9 §5).
export { CountryField } from './country-input.js';
export { countryName, isCountryCode, parseCountryList, resolveCountry } from './domain/countries.js';
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
