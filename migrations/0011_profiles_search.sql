-- Directory search (profiles part). Forward-only.
-- search_key: the name with accents, case, hyphens and apostrophes removed
-- ("Saint-Étienne" → "saint etienne"), kept by the database itself (generated column), in
-- the "C" collation so that the order is the same on PGlite and PostgreSQL whatever the
-- server locale. It serves the alphabetical order of the directory, the keyset pages of
-- the export and the prefix autocomplete (LIKE 'abc%' uses this btree in "C").
-- Must stay identical to searchKey() in src/modules/directory/search.ts.
ALTER TABLE organisations
  ADD COLUMN search_key text COLLATE "C"
  GENERATED ALWAYS AS (trim(regexp_replace(f_unaccent(lower(name)), '[^a-z0-9]+', ' ', 'g'))) STORED;
CREATE INDEX organisations_search_key_idx ON organisations (search_key, id);
