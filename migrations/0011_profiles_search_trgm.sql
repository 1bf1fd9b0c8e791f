-- Directory search (profiles part), continued. Forward-only.
-- Trigram index on the stored search_key (0011_profiles_search): typo-tolerant search
-- (word_similarity, operator <%) and substring search (LIKE '%…%') read the stored key
-- instead of computing f_unaccent(lower(name)) for every candidate row, which measured
-- three to eight times faster at national scale (≈ 37,000 organisations).
-- fastupdate off: entries go straight into the index. With the default pending list, a bulk
-- import (the geography: 37,000 rows) leaves entries that every search scans linearly until
-- a VACUUM, and the embedded database has no autovacuum: searches measured 100× slower.
CREATE INDEX organisations_search_key_trgm ON organisations USING gin (search_key gin_trgm_ops)
  WITH (fastupdate = off);
