import {
  type AuthorityLevel,
  DEPARTEMENT_EXCLUSIONS,
  DEPARTEMENTS_WITHOUT_COUNCIL,
  departementAuthorityName,
  EPCI_REPLACED,
  EPT_LEGAL,
  NOT_MUNICIPAL_COUNCILS,
  REGIONS_WITHOUT_COUNCIL,
  regionAuthorityName,
  SPECIAL_AUTHORITIES,
} from './special-authorities.js';

/** The shapes of @etalab/decoupage-administratif's data/*.json (the fields we read). */
export interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  zone?: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
  anciensCodes?: string[];
  /** For municipal arrondissements: the commune. */
  commune?: string;
}
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: { code: string }[];
}
export interface CogDepartement {
  code: string;
  nom: string;
  region: string;
  typeLiaison?: number;
  zone?: string;
  chefLieu?: string;
}
export interface CogRegion {
  code: string;
  nom: string;
  typeLiaison?: number;
  zone?: string;
  chefLieu?: string;
}

export interface CogData {
  communes: CogCommune[];
  epci: CogEpci[];
  ept: CogEpci[];
  departements: CogDepartement[];
  regions: CogRegion[];
}

export interface CommuneRow {
  insee: string;
  name: string;
  departement_code: string;
  region_code: string;
  epci_siren: string | null;
  population: number | null;
  zone: string | null;
  siren: string | null;
  postal_codes: string[];
}

export interface AuthorityRow {
  level: AuthorityLevel;
  code: string;
  name: string;
  short_name: string | null;
  siren: string | null;
  seat_insee: string | null;
  departement_code: string | null;
  region_code: string | null;
  communes: string[];
}

export interface Geography {
  regions: {
    code: string;
    name: string;
    type_liaison: number | null;
    zone: string | null;
    chef_lieu: string | null;
  }[];
  departements: {
    code: string;
    name: string;
    region_code: string;
    type_liaison: number | null;
    zone: string | null;
    chef_lieu: string | null;
  }[];
  epci: { siren: string; name: string; nature: string; population: number | null }[];
  communes: CommuneRow[];
  formerCodes: { former_insee: string; insee: string; kind: 'ancien_code' | 'arrondissement_municipal' }[];
  authorities: AuthorityRow[];
}

/**
 * Turns the COG into what Passerelle stores: current communes, EPCI, départements,
 * régions, former codes, and the local authorities that really exist, each with the
 * communes of its territory. Pure: no I/O.
 */
export function buildGeography(cog: CogData): Geography {
  const current = cog.communes.filter((c) => c.type === 'commune-actuelle');
  const currentCodes = new Set(current.map((c) => c.code));
  const epciOf = new Map<string, string>();
  for (const e of cog.epci) for (const m of e.membres) epciOf.set(m.code, e.code);

  const communes: CommuneRow[] = current.map((c) => ({
    insee: c.code,
    name: c.nom,
    departement_code: c.departement!,
    region_code: c.region!,
    epci_siren: epciOf.get(c.code) ?? null,
    population: c.population ?? null,
    zone: c.zone ?? null,
    siren: c.siren ?? null,
    postal_codes: c.codesPostaux ?? [],
  }));
  const byInsee = new Map(communes.map((c) => [c.insee, c]));

  // Former codes: merged communes (anciensCodes) and municipal arrondissements. A code that
  // is current again (a commune restored) is never a former code.
  const former = new Map<
    string,
    { former_insee: string; insee: string; kind: 'ancien_code' | 'arrondissement_municipal' }
  >();
  for (const c of current) {
    for (const a of c.anciensCodes ?? []) {
      if (!currentCodes.has(a) && a !== c.code)
        former.set(a, { former_insee: a, insee: c.code, kind: 'ancien_code' });
    }
  }
  for (const a of cog.communes) {
    if (
      a.type === 'arrondissement-municipal' &&
      a.commune &&
      currentCodes.has(a.commune) &&
      !currentCodes.has(a.code)
    ) {
      former.set(a.code, { former_insee: a.code, insee: a.commune, kind: 'arrondissement_municipal' });
    }
  }

  const communesOfDepartement = (d: string) =>
    communes.filter((c) => c.departement_code === d).map((c) => c.insee);
  const communesOfRegion = (r: string) => communes.filter((c) => c.region_code === r).map((c) => c.insee);
  const membersOf = new Map<string, string[]>();
  for (const e of [...cog.epci, ...cog.ept])
    membersOf.set(
      e.code,
      e.membres.map((m) => m.code).filter((m) => currentCodes.has(m)),
    );

  const authorities: AuthorityRow[] = [];

  // Communes with a municipal council.
  for (const c of communes) {
    if (NOT_MUNICIPAL_COUNCILS.some((x) => x.match(c.insee))) continue;
    authorities.push({
      level: 'commune',
      code: c.insee,
      name: c.name,
      short_name: null,
      siren: c.siren,
      seat_insee: c.insee,
      departement_code: c.departement_code,
      region_code: c.region_code,
      communes: [c.insee],
    });
  }

  // Ordinary EPCI à fiscalité propre. An EPCI sits where most of its inhabitants live.
  for (const e of cog.epci) {
    if (EPCI_REPLACED[e.code]) continue;
    const members = membersOf.get(e.code) ?? [];
    const where = majorityPlace(members.map((m) => byInsee.get(m)!).filter(Boolean));
    authorities.push({
      level: 'epci',
      code: e.code,
      name: e.nom,
      short_name: null,
      siren: e.code,
      seat_insee: null,
      departement_code: where.departement,
      region_code: where.region,
      communes: members,
    });
  }

  // Établissements publics territoriaux of the Grand Paris.
  for (const e of cog.ept) {
    const members = membersOf.get(e.code) ?? [];
    const where = majorityPlace(members.map((m) => byInsee.get(m)!).filter(Boolean));
    authorities.push({
      level: 'ept',
      code: e.code,
      name: e.nom,
      short_name: null,
      siren: /^[0-9]{9}$/.test(e.code) ? e.code : null,
      seat_insee: null,
      departement_code: where.departement,
      region_code: where.region,
      communes: members,
    });
  }
  void EPT_LEGAL;

  // Départements with a departmental council.
  for (const d of cog.departements) {
    if (DEPARTEMENTS_WITHOUT_COUNCIL[d.code]) continue;
    let members = communesOfDepartement(d.code);
    const excl = DEPARTEMENT_EXCLUSIONS[d.code];
    if (excl) {
      const out = new Set(excl.epci.flatMap((e) => membersOf.get(e) ?? []));
      members = members.filter((m) => !out.has(m));
    }
    authorities.push({
      level: 'departement',
      code: d.code,
      name: departementAuthorityName(d.nom, d.typeLiaison),
      short_name: null,
      siren: null,
      seat_insee: d.chefLieu ?? null,
      departement_code: d.code,
      region_code: d.region,
      communes: members,
    });
  }

  // Régions with a regional council.
  for (const r of cog.regions) {
    if (REGIONS_WITHOUT_COUNCIL[r.code]) continue;
    authorities.push({
      level: 'region',
      code: r.code,
      name: regionAuthorityName(r.code, r.nom),
      short_name: null,
      siren: null,
      seat_insee: r.chefLieu ?? null,
      departement_code: null,
      region_code: r.code,
      communes: communesOfRegion(r.code),
    });
  }

  // The special authorities, with the territory they really govern.
  for (const s of SPECIAL_AUTHORITIES) {
    const set = new Set<string>();
    for (const d of s.territory.departements ?? []) for (const c of communesOfDepartement(d)) set.add(c);
    for (const e of s.territory.epci ?? []) for (const c of membersOf.get(e) ?? []) set.add(c);
    for (const c of s.territory.communes ?? []) if (currentCodes.has(c)) set.add(c);
    if (set.size === 0) continue; // not in this COG (test data): nothing to govern
    authorities.push({
      level: s.level,
      code: s.code,
      name: s.name,
      short_name: s.shortName ?? null,
      siren: s.siren ?? null,
      seat_insee: currentCodes.has(s.seatInsee) ? s.seatInsee : null,
      departement_code: s.departementCode,
      region_code: s.regionCode,
      communes: [...set].sort(),
    });
  }

  return {
    regions: cog.regions.map((r) => ({
      code: r.code,
      name: r.nom,
      type_liaison: r.typeLiaison ?? null,
      zone: r.zone ?? null,
      chef_lieu: r.chefLieu ?? null,
    })),
    departements: cog.departements.map((d) => ({
      code: d.code,
      name: d.nom,
      region_code: d.region,
      type_liaison: d.typeLiaison ?? null,
      zone: d.zone ?? null,
      chef_lieu: d.chefLieu ?? null,
    })),
    epci: cog.epci.map((e) => ({
      siren: e.code,
      name: e.nom,
      nature: e.type,
      population: e.populationTotale ?? null,
    })),
    communes,
    formerCodes: [...former.values()],
    authorities,
  };
}

/** The département and région where most of the inhabitants of these communes live. */
function majorityPlace(members: CommuneRow[]): { departement: string | null; region: string | null } {
  const weight = new Map<string, number>();
  for (const m of members) {
    const k = `${m.departement_code}|${m.region_code}`;
    weight.set(k, (weight.get(k) ?? 0) + (m.population ?? 0) + 1);
  }
  let best: string | null = null;
  let bestW = -1;
  for (const [k, w] of weight) {
    if (w > bestW) {
      best = k;
      bestW = w;
    }
  }
  if (!best) return { departement: null, region: null };
  const [departement, region] = best.split('|');
  return { departement, region };
}
