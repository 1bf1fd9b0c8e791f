-- Commune autocomplete, faster: the normalised name is stored once (computing unaccent and
-- a regular expression for every candidate row cost ~100 ms for short prefixes such as
-- "le"). Same expression as 0012 and as communeSearchKey() in find-communes.ts.
-- Forward-only.
ALTER TABLE communes ADD COLUMN search_key text
  GENERATED ALWAYS AS (trim(regexp_replace(f_unaccent(lower(name)), '[^a-z0-9]+', ' ', 'g'))) STORED;
CREATE INDEX communes_search_key_prefix_idx ON communes (search_key text_pattern_ops, population DESC);
DROP INDEX IF EXISTS communes_search_key_idx;
