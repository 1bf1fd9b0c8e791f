-- Directory order and matching groups (issue 9 §2). Forward-only.
--
-- active_abroad: the organisation has partner countries, CUF country groups or partners
-- abroad on Passerelle. Kept by the database itself: the triggers below recompute it for
-- the organisation whose rows change in organisation_countries, organisation_country_groups
-- or organisation_partners, so no writer can forget it.
-- Invariant: active_abroad = EXISTS(countries) OR EXISTS(groups) OR EXISTS(partners).
ALTER TABLE organisations ADD COLUMN active_abroad boolean NOT NULL DEFAULT false;

UPDATE organisations o SET active_abroad = true
WHERE EXISTS (SELECT 1 FROM organisation_countries x WHERE x.organisation_id = o.id)
   OR EXISTS (SELECT 1 FROM organisation_country_groups x WHERE x.organisation_id = o.id)
   OR EXISTS (SELECT 1 FROM organisation_partners x WHERE x.organisation_id = o.id);

CREATE FUNCTION organisations_refresh_active_abroad(org uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisations o SET active_abroad = v.active
  FROM (SELECT EXISTS (SELECT 1 FROM organisation_countries x WHERE x.organisation_id = org)
            OR EXISTS (SELECT 1 FROM organisation_country_groups x WHERE x.organisation_id = org)
            OR EXISTS (SELECT 1 FROM organisation_partners x WHERE x.organisation_id = org) AS active) v
  WHERE o.id = org AND o.active_abroad IS DISTINCT FROM v.active;
END $$;

CREATE FUNCTION organisations_active_abroad_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM organisations_refresh_active_abroad(NEW.organisation_id);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM organisations_refresh_active_abroad(OLD.organisation_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER organisation_countries_active_abroad AFTER INSERT OR UPDATE OR DELETE ON organisation_countries
  FOR EACH ROW EXECUTE FUNCTION organisations_active_abroad_trigger();
CREATE TRIGGER organisation_country_groups_active_abroad AFTER INSERT OR UPDATE OR DELETE ON organisation_country_groups
  FOR EACH ROW EXECUTE FUNCTION organisations_active_abroad_trigger();
CREATE TRIGGER organisation_partners_active_abroad AFTER INSERT OR UPDATE OR DELETE ON organisation_partners
  FOR EACH ROW EXECUTE FUNCTION organisations_active_abroad_trigger();

-- directory_tier: the directory's default order without a query — organisations engaged
-- internationally (CUF member, open to partnership or active abroad) first, then Missions
-- Locales, then other organisations, then authorities other than communes, then the
-- ≈ 35,000 communes. Must stay identical to DIRECTORY_TIERS in src/modules/directory/search.ts.
ALTER TABLE organisations ADD COLUMN directory_tier smallint GENERATED ALWAYS AS (
  CASE
    WHEN cuf_member OR open_to_partnership OR active_abroad THEN 0
    WHEN kind = 'mission_locale' THEN 1
    WHEN kind <> 'local_authority' THEN 2
    WHEN level IS DISTINCT FROM 'commune' THEN 3
    ELSE 4
  END) STORED;

-- The first page of /annuaire reads this index in order (no sort of 37,000 rows).
CREATE INDEX organisations_directory_tier_idx ON organisations (directory_tier, search_key, id);
