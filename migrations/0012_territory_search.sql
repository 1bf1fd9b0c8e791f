-- Commune autocomplete: names compared without accents, case, hyphens or apostrophes
-- ("saint etienne" finds Saint-Étienne). Forward-only; the expression must stay identical
-- to communeSearchKey() in src/modules/directory/territory/find-communes.ts.
CREATE INDEX communes_search_key_idx ON communes
  ((trim(regexp_replace(f_unaccent(lower(name)), '[^a-z0-9]+', ' ', 'g'))) text_pattern_ops);
CREATE INDEX communes_postal_codes_idx ON communes USING gin (postal_codes);
