/** Public surface of the directory for other modules. */
export { type AutocompleteItem, autocompleteOrganisations } from './search.js';
