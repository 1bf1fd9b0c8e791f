/**
 * One country input everywhere (issue 9 §5): a text field that takes a country's name
 * (French or English, with or without accents) or its ISO code, with the country names as
 * suggestions (a <datalist>: works without JavaScript). The server reads it with
 * `resolveCountry` / `parseCountryList`.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { Field, fieldId } from '../../http/layout/components.js';
import { allCountries } from './domain/countries.js';

export function CountryField(p: {
  c: Context<AppEnv>;
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  /** Several countries separated by commas. */
  multiple?: boolean;
  hint?: string;
}) {
  const t = p.c.get('t');
  const locale = p.c.get('locale');
  const listId = `${fieldId(p.name)}-pays`;
  return (
    <>
      <Field
        name={p.name}
        label={p.label}
        value={p.value ?? ''}
        error={p.error}
        hint={p.hint ?? t(p.multiple ? 'directory.country.hint_many' : 'directory.country.hint_one')}
        autocomplete="off"
        list={listId}
      />
      <datalist id={listId}>
        {allCountries(locale).map((x) => (
          <option value={x.name}>{x.code}</option>
        ))}
      </datalist>
    </>
  );
}
