import { beforeAll, describe, expect, it } from 'vitest';
import { readCog } from '../import-geography.js';
import { buildGeography, type Geography } from './geography.js';
import { departementAuthorityName, SPECIAL_AUTHORITIES } from './special-authorities.js';

// The real COG 2026 of @etalab/decoupage-administratif (a dependency of the project).
let geo: Geography;
beforeAll(() => {
  geo = buildGeography(readCog());
});

const authoritiesOf = (insee: string) =>
  geo.authorities
    .filter((a) => a.communes.includes(insee))
    .map((a) => `${a.level}:${a.name}`)
    .sort();

describe('COG 2026 as stored', () => {
  it('keeps the current communes only, with the EPCI, départements and régions of the package', () => {
    expect(geo.communes.length).toBe(34969);
    expect(geo.epci.length).toBe(1255);
    expect(geo.departements.length).toBe(109);
    expect(geo.regions.length).toBe(26);
    expect(geo.communes.find((c) => c.insee === '13201')).toBeUndefined(); // an arrondissement
  });

  it('maps municipal arrondissements and merged communes to the current commune', () => {
    const f = new Map(geo.formerCodes.map((x) => [x.former_insee, x]));
    expect(f.get('75119')).toMatchObject({ insee: '75056', kind: 'arrondissement_municipal' });
    expect(f.get('69382')).toMatchObject({ insee: '69123', kind: 'arrondissement_municipal' });
    expect(f.get('50383')).toMatchObject({ insee: '50129', kind: 'ancien_code' }); // Cherbourg-en-Cotentin
    const current = new Set(geo.communes.map((c) => c.insee));
    expect(geo.formerCodes.filter((x) => current.has(x.former_insee))).toEqual([]);
  });

  it('counts the authorities that really exist, by level', () => {
    const by: Record<string, number> = {};
    for (const a of geo.authorities) by[a.level] = (by[a.level] ?? 0) + 1;
    expect(by).toEqual({
      commune: 34957,
      epci: 1252,
      ept: 11,
      metropole_statut_particulier: 2,
      departement: 94,
      region: 14,
      collectivite_statut_particulier: 4,
      collectivite_unique: 3,
      collectivite_outre_mer: 5,
      province: 3,
    });
  });

  it('gives every authority a territory and every commune at least one authority', () => {
    expect(geo.authorities.filter((a) => a.communes.length === 0)).toEqual([]);
    const covered = new Set(geo.authorities.flatMap((a) => a.communes));
    const uncovered = geo.communes.filter((c) => !covered.has(c.insee)).map((c) => c.insee);
    // TAAF districts and Clipperton have no local authority at all.
    expect(uncovered.every((c) => c.startsWith('984') || c.startsWith('989'))).toBe(true);
  });
});

describe('authorities that do not exist are never listed', () => {
  it.each([
    'Région Corse',
    'Département de Paris',
    'Département de la Martinique',
    'Département de la Guyane',
    'Département de Mayotte (département)',
    'Département du Bas-Rhin',
    'Département du Haut-Rhin',
    'Département de la Corse-du-Sud',
    'Département de la Haute-Corse',
    'Région Martinique',
    'Région Guyane',
    'Région Mayotte',
  ])('%s', (name) => {
    expect(geo.authorities.filter((a) => a.name === name)).toEqual([]);
  });

  it('no commune authority where the COG lists a "commune" without a municipal council', () => {
    const fake = ['75056', '97701', '97801', '98611', '98612', '98613', '98412', '98901'];
    expect(geo.authorities.filter((a) => a.level === 'commune' && fake.includes(a.code))).toEqual([]);
  });
});

describe('who governs a commune', () => {
  it('Paris (75056): the Ville de Paris, the Métropole du Grand Paris and the Région Île-de-France', () => {
    expect(authoritiesOf('75056')).toEqual([
      'collectivite_statut_particulier:Ville de Paris',
      'metropole_statut_particulier:Métropole du Grand Paris',
      'region:Région Île-de-France',
    ]);
  });

  it('Villeurbanne (69266): the Métropole de Lyon, not the Département du Rhône', () => {
    expect(authoritiesOf('69266')).toEqual([
      'collectivite_statut_particulier:Métropole de Lyon',
      'commune:Villeurbanne',
      'region:Région Auvergne-Rhône-Alpes',
    ]);
  });

  it('Villefranche-sur-Saône (69264): the Département du Rhône and its EPCI', () => {
    const a = authoritiesOf('69264');
    expect(a).toContain('departement:Département du Rhône');
    expect(a.filter((x) => x.startsWith('epci:'))).toHaveLength(1);
  });

  it('Ajaccio (2A004): the Collectivité de Corse, no région nor département', () => {
    const a = authoritiesOf('2A004');
    expect(a).toContain('collectivite_statut_particulier:Collectivité de Corse');
    expect(a).toContain('commune:Ajaccio');
    expect(a.filter((x) => x.startsWith('region:') || x.startsWith('departement:'))).toEqual([]);
  });

  it('Fort-de-France (97209): the Collectivité territoriale de Martinique', () => {
    const a = authoritiesOf('97209');
    expect(a).toContain('collectivite_unique:Collectivité territoriale de Martinique');
    expect(a.filter((x) => x.startsWith('region:') || x.startsWith('departement:'))).toEqual([]);
  });

  it('Mamoudzou (97611): the Département de Mayotte, a single département-région', () => {
    expect(authoritiesOf('97611')).toContain('collectivite_unique:Département de Mayotte');
  });

  it('Strasbourg (67482): the Collectivité européenne d’Alsace and the Région Grand Est', () => {
    const a = authoritiesOf('67482');
    expect(a).toContain("departement:Collectivité européenne d'Alsace");
    expect(a).toContain('region:Région Grand Est');
    expect(a).toContain('epci:Eurométropole de Strasbourg');
  });

  it('Pointe-à-Pitre (97120): Guadeloupe keeps a région and a département', () => {
    const a = authoritiesOf('97120');
    expect(a).toContain('region:Région Guadeloupe');
    expect(a).toContain('departement:Département de la Guadeloupe');
  });

  it('Saint-Barthélemy (97701): only the overseas collectivity', () => {
    expect(authoritiesOf('97701')).toEqual(['collectivite_outre_mer:Collectivité de Saint-Barthélemy']);
  });

  it('Nouméa (98818): commune, Province Sud and Nouvelle-Calédonie; Poya is in two provinces', () => {
    expect(authoritiesOf('98818')).toEqual([
      'collectivite_statut_particulier:Nouvelle-Calédonie',
      'commune:Nouméa',
      'province:Province Sud',
    ]);
    expect(authoritiesOf('98827').filter((x) => x.startsWith('province:'))).toHaveLength(2);
  });

  it('Marseille (13055): the Métropole d’Aix-Marseille-Provence and the Département des Bouches-du-Rhône', () => {
    expect(authoritiesOf('13055')).toEqual([
      'commune:Marseille',
      'departement:Département des Bouches-du-Rhône',
      'metropole_statut_particulier:Métropole d’Aix-Marseille-Provence'.replace('’', "'"),
      'region:Région Provence-Alpes-Côte d’Azur'.replace('’', "'"),
    ]);
  });

  it('Saint-Denis (93066): its EPT (Plaine Commune) and the Métropole du Grand Paris', () => {
    const a = authoritiesOf('93066');
    expect(a).toContain('ept:Plaine Commune');
    expect(a).toContain('metropole_statut_particulier:Métropole du Grand Paris');
    expect(a).toContain('departement:Département de la Seine-Saint-Denis');
  });
});

describe('special authorities', () => {
  it('each has a legal basis, a seat in the COG and a territory', () => {
    const current = new Set(geo.communes.map((c) => c.insee));
    for (const s of SPECIAL_AUTHORITIES) {
      expect(s.legal.length, s.name).toBeGreaterThan(10);
      expect(current.has(s.seatInsee), s.name).toBe(true);
      expect(
        geo.authorities.find((a) => a.code === s.code && a.level === s.level)?.communes.length,
      ).toBeGreaterThan(0);
    }
  });

  it('the Métropole de Lyon and the Département du Rhône share the 69 without overlap', () => {
    const lyon = geo.authorities.find((a) => a.code === '69M')!;
    const rhone = geo.authorities.find((a) => a.level === 'departement' && a.code === '69')!;
    const all69 = geo.communes.filter((c) => c.departement_code === '69').length;
    expect(lyon.communes.length).toBe(58); // COG 2026 lists 58 member communes
    expect(lyon.communes.length + rhone.communes.length).toBe(all69);
    expect(lyon.communes.filter((c) => rhone.communes.includes(c))).toEqual([]);
  });

  it('names départements with the right article (INSEE TNCC)', () => {
    expect(departementAuthorityName('Ain', 5)).toBe("Département de l'Ain");
    expect(departementAuthorityName('Nord', 2)).toBe('Département du Nord');
    expect(departementAuthorityName('Gironde', 3)).toBe('Département de la Gironde');
    expect(departementAuthorityName('Hauts-de-Seine', 4)).toBe('Département des Hauts-de-Seine');
    expect(departementAuthorityName('Paris', 0)).toBe('Département de Paris');
    expect(departementAuthorityName('Eure', 1)).toBe("Département d'Eure");
  });
});
