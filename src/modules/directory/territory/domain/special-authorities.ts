/**
 * Where the usual levels (commune, EPCI, département, région) are replaced, merged or given
 * a special status, in 2026. Each decision names its legal basis and date. Pure data: the
 * geography builder (geography.ts) applies it to the COG.
 *
 * Rule: the directory names the authority a user would name — the one with a council — and
 * never a statistical division without one (no "Région Corse", no "Département de Paris",
 * no "Département de la Martinique", no "Commune de Saint-Barthélemy").
 *
 * Codes: ordinary authorities use their official code (INSEE code of a commune, SIREN of an
 * EPCI, code of a département or région). Authorities with département powers that replace
 * or merge départements use the codes of INSEE's list of "collectivités territoriales ayant
 * les compétences départementales" (75C, 69M, 20R, 972R, 973R, 976D, 6AE — [U] checked from
 * memory of that list, stable anyway since we define them); métropoles and EPT keep their
 * SIREN; overseas collectivities use their COG code (975, 977…); the New Caledonian
 * provinces use codes of our own (NC-PS, NC-PN, NC-PIL).
 */

export type AuthorityLevel =
  | 'commune'
  | 'epci'
  | 'departement'
  | 'region'
  | 'collectivite_unique'
  | 'collectivite_statut_particulier'
  | 'metropole_statut_particulier'
  | 'collectivite_outre_mer'
  | 'province'
  | 'ept';

/** The territory of a special authority, in COG terms. */
export interface TerritorySpec {
  departements?: string[];
  epci?: string[];
  communes?: string[];
}

export interface SpecialAuthority {
  code: string;
  level: AuthorityLevel;
  name: string;
  shortName?: string;
  /** SIREN of the legal person when it is certain. */
  siren?: string;
  seatInsee: string;
  departementCode: string | null;
  regionCode: string | null;
  territory: TerritorySpec;
  /** Legal basis and date, for the record (also shown in tests). */
  legal: string;
}

/** Régions of the COG that have no regional council of their own (replaced, or not a région). */
export const REGIONS_WITHOUT_COUNCIL: Record<string, string> = {
  // Collectivité de Corse since 1 January 2018 (loi NOTRe n° 2015-991, art. 30).
  '94': 'Collectivité de Corse',
  // Collectivités uniques since 1 January 2016 (loi n° 2011-884 du 27 juillet 2011).
  '02': 'Collectivité territoriale de Martinique',
  '03': 'Collectivité territoriale de Guyane',
  // Département de Mayotte exercises regional powers since 31 March 2011 (LO n° 2010-1486).
  '06': 'Département de Mayotte',
  // Overseas collectivities and territories listed by the COG as "régions" for statistics.
  '975': 'Collectivité territoriale de Saint-Pierre-et-Miquelon',
  '977': 'Collectivité de Saint-Barthélemy',
  '978': 'Collectivité de Saint-Martin',
  '984': 'no local authority (TAAF, administered by the State)',
  '986': 'Territoire des îles Wallis et Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
  '989': 'no local authority (Clipperton, State public domain)',
};

/** Départements of the COG that have no departmental council of their own. */
export const DEPARTEMENTS_WITHOUT_COUNCIL: Record<string, string> = {
  // Ville de Paris since 1 January 2019 (loi n° 2017-257 du 28 février 2017).
  '75': 'Ville de Paris',
  // Collectivité de Corse since 1 January 2018.
  '2A': 'Collectivité de Corse',
  '2B': 'Collectivité de Corse',
  // Collectivité européenne d'Alsace since 1 January 2021 (loi n° 2019-816 du 2 août 2019).
  '67': "Collectivité européenne d'Alsace",
  '68': "Collectivité européenne d'Alsace",
  '972': 'Collectivité territoriale de Martinique',
  '973': 'Collectivité territoriale de Guyane',
  '976': 'Département de Mayotte',
  '975': 'Collectivité territoriale de Saint-Pierre-et-Miquelon',
  '977': 'Collectivité de Saint-Barthélemy',
  '978': 'Collectivité de Saint-Martin',
  '984': 'no local authority (TAAF)',
  '986': 'Territoire des îles Wallis et Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
  '989': 'no local authority (Clipperton)',
};

/**
 * COG "communes" that are not communes with a municipal council: the authority there is
 * the special one (or none). Prefixes of INSEE codes or full codes.
 */
export const NOT_MUNICIPAL_COUNCILS: { match: (insee: string) => boolean; why: string }[] = [
  // Paris: the commune and the département merged into the Ville de Paris (2019).
  { match: (c) => c === '75056', why: 'Ville de Paris (collectivité à statut particulier)' },
  // Saint-Barthélemy and Saint-Martin ceased to be communes on 15 July 2007 (LO n° 2007-223):
  // the overseas collectivity exercises the commune's powers.
  { match: (c) => c === '97701' || c === '97801', why: 'collectivité d’outre-mer (LO 2007-223)' },
  // TAAF districts: administrative districts of a territory run by a prefect, no council.
  { match: (c) => c.startsWith('984'), why: 'district des TAAF (loi n° 55-1052)' },
  // Wallis and Futuna: the three "circonscriptions territoriales" (Uvea, Alo, Sigave) are not
  // communes (loi n° 61-814 du 29 juillet 1961); the territory's assembly is the authority.
  { match: (c) => c.startsWith('986'), why: 'circonscription territoriale de Wallis-et-Futuna' },
  // Clipperton: State public domain (loi n° 55-1052 as amended in 2007), no population.
  { match: (c) => c.startsWith('989'), why: 'domaine public de l’État' },
];

/** EPCI of the COG that are not ordinary EPCI authorities (SIREN → why). */
export const EPCI_REPLACED: Record<string, string> = {
  // Not an EPCI: a territorial collectivity (listed by the COG as nature MET69).
  '200046977': 'Métropole de Lyon (collectivité à statut particulier)',
  // Métropoles à statut particulier (EPCI, CGCT L5219-1 and L5218-1).
  '200054781': 'Métropole du Grand Paris',
  '200054807': "Métropole d'Aix-Marseille-Provence",
};

/** Département territories that lose communes to another authority with département powers. */
export const DEPARTEMENT_EXCLUSIONS: Record<string, { epci: string[]; why: string }> = {
  // Since 1 January 2015 the Département du Rhône has no power on the communes of the
  // Métropole de Lyon, which exercises the département's powers there: 59 communes until
  // Oullins and Pierre-Bénite merged into Oullins-Pierre-Bénite (1 January 2024), 58 in COG 2026.
  '69': { epci: ['200046977'], why: 'Métropole de Lyon (loi MAPTAM, art. 26)' },
};

/** New Caledonia's provinces, by commune (LO n° 99-209, art. 6). */
const NC_ILES_LOYAUTE = ['98814', '98815', '98820']; // Lifou, Maré, Ouvéa
const NC_NORD = [
  '98801', // Belep
  '98804', // Canala
  '98807', // Hienghène
  '98808', // Houaïlou
  '98810', // Kaala-Gomen
  '98811', // Koné
  '98833', // Kouaoua
  '98812', // Koumac
  '98819', // Ouégoa
  '98822', // Poindimié
  '98823', // Ponérihouen
  '98824', // Pouébo
  '98825', // Pouembout
  '98826', // Poum
  '98830', // Touho
  '98831', // Voh
  '98827', // Poya (most of it; its southern part is in the Province Sud)
];
const NC_SUD = [
  '98802', // Bouloupari
  '98803', // Bourail
  '98805', // Dumbéa
  '98806', // Farino
  '98809', // L'Île-des-Pins
  '98813', // La Foa
  '98816', // Moindou
  '98817', // Le Mont-Dore
  '98818', // Nouméa
  '98821', // Païta
  '98828', // Sarraméa
  '98829', // Thio
  '98832', // Yaté
  '98827', // Poya (southern part)
];

export const SPECIAL_AUTHORITIES: SpecialAuthority[] = [
  {
    // Loi n° 2017-257 du 28 février 2017 relative au statut de Paris, art. 1 (CGCT L2512-1):
    // from 1 January 2019 the commune and the département of Paris are replaced by one
    // collectivité à statut particulier, the Ville de Paris, with both sets of powers.
    code: '75C',
    level: 'collectivite_statut_particulier',
    name: 'Ville de Paris',
    siren: '217500016',
    seatInsee: '75056',
    departementCode: '75',
    regionCode: '11',
    territory: { communes: ['75056'] },
    legal: 'Loi n° 2017-257 du 28 février 2017, CGCT L2512-1 — depuis le 1er janvier 2019',
  },
  {
    // Loi MAPTAM n° 2014-58 du 27 janvier 2014, art. 26 (CGCT L3611-1): collectivité à statut
    // particulier (art. 72 Const.) since 1 January 2015, with the powers of a métropole and of
    // the département on its communes. The Département du Rhône keeps the rest of the 69.
    code: '69M',
    level: 'collectivite_statut_particulier',
    name: 'Métropole de Lyon',
    siren: '200046977',
    seatInsee: '69123',
    departementCode: '69',
    regionCode: '84',
    territory: { epci: ['200046977'] },
    legal: 'Loi n° 2014-58 du 27 janvier 2014 (MAPTAM), CGCT L3611-1 — depuis le 1er janvier 2015',
  },
  {
    // Loi NOTRe n° 2015-991 du 7 août 2015, art. 30, and ordonnances n° 2016-1561 à 1563
    // (CGCT L4421-1): the Collectivité de Corse replaces the collectivité territoriale de
    // Corse and the départements of Corse-du-Sud and Haute-Corse on 1 January 2018.
    code: '20R',
    level: 'collectivite_statut_particulier',
    name: 'Collectivité de Corse',
    seatInsee: '2A004',
    departementCode: null,
    regionCode: '94',
    territory: { departements: ['2A', '2B'] },
    legal: 'Loi n° 2015-991 du 7 août 2015 (NOTRe), art. 30, CGCT L4421-1 — depuis le 1er janvier 2018',
  },
  {
    // Loi n° 2011-884 du 27 juillet 2011 (CGCT L7211-1): collectivité unique (art. 73 Const.)
    // replacing the région and the département of Martinique since 1 January 2016.
    code: '972R',
    level: 'collectivite_unique',
    name: 'Collectivité territoriale de Martinique',
    seatInsee: '97209',
    departementCode: '972',
    regionCode: '02',
    territory: { departements: ['972'] },
    legal: 'Loi n° 2011-884 du 27 juillet 2011, CGCT L7211-1 — depuis le 1er janvier 2016',
  },
  {
    // Same law (CGCT L7111-1): collectivité unique of Guyane since 1 January 2016.
    code: '973R',
    level: 'collectivite_unique',
    name: 'Collectivité territoriale de Guyane',
    seatInsee: '97302',
    departementCode: '973',
    regionCode: '03',
    territory: { departements: ['973'] },
    legal: 'Loi n° 2011-884 du 27 juillet 2011, CGCT L7111-1 — depuis le 1er janvier 2016',
  },
  {
    // LO n° 2010-1486 and loi n° 2010-1487 du 7 décembre 2010 (CGCT L3441-1): Mayotte is a
    // département exercising the powers of a région, since 31 March 2011.
    // [U] The 2025 law for the refoundation of Mayotte (n° 2025-797) plans a
    // "Département-Région de Mayotte"; the name is kept until that takes effect.
    code: '976D',
    level: 'collectivite_unique',
    name: 'Département de Mayotte',
    seatInsee: '97611',
    departementCode: '976',
    regionCode: '06',
    territory: { departements: ['976'] },
    legal: 'LO n° 2010-1486 et loi n° 2010-1487 du 7 décembre 2010, CGCT L3441-1 — depuis le 31 mars 2011',
  },
  {
    // Décret n° 2019-142 du 27 février 2019 (regroupement of Bas-Rhin and Haut-Rhin) and loi
    // n° 2019-816 du 2 août 2019 (CGCT L3431-1): a département collectivity with specific
    // powers, since 1 January 2021. The two départements remain State divisions only.
    code: '6AE',
    level: 'departement',
    name: "Collectivité européenne d'Alsace",
    shortName: 'CeA',
    seatInsee: '67482',
    departementCode: null,
    regionCode: '44',
    territory: { departements: ['67', '68'] },
    legal: 'Loi n° 2019-816 du 2 août 2019, CGCT L3431-1 — depuis le 1er janvier 2021',
  },
  {
    // Loi MAPTAM, art. 12, as rewritten by loi NOTRe, art. 59 (CGCT L5219-1): an EPCI with a
    // special status since 1 January 2016, over Paris and the communes of the petite couronne.
    code: '200054781',
    level: 'metropole_statut_particulier',
    name: 'Métropole du Grand Paris',
    shortName: 'MGP',
    siren: '200054781',
    seatInsee: '75056',
    departementCode: null,
    regionCode: '11',
    territory: { epci: ['200054781'] },
    legal: 'Loi n° 2014-58 du 27 janvier 2014, art. 12, CGCT L5219-1 — depuis le 1er janvier 2016',
  },
  {
    // Loi MAPTAM, art. 42 (CGCT L5218-1): métropole with a special status (conseils de
    // territoire) since 1 January 2016; governance reformed by loi 3DS n° 2022-217.
    code: '200054807',
    level: 'metropole_statut_particulier',
    name: "Métropole d'Aix-Marseille-Provence",
    shortName: 'AMP',
    siren: '200054807',
    seatInsee: '13055',
    departementCode: '13',
    regionCode: '93',
    territory: { epci: ['200054807'] },
    legal: 'Loi n° 2014-58 du 27 janvier 2014, art. 42, CGCT L5218-1 — depuis le 1er janvier 2016',
  },
  {
    // Art. 74 Const.; LO n° 2007-223 du 21 février 2007 (CGCT LO6411-1): overseas collectivity
    // with a conseil territorial; its two communes keep their municipal councils.
    code: '975',
    level: 'collectivite_outre_mer',
    name: 'Collectivité territoriale de Saint-Pierre-et-Miquelon',
    seatInsee: '97502',
    departementCode: '975',
    regionCode: '975',
    territory: { departements: ['975'] },
    legal: 'Art. 74 de la Constitution, LO n° 2007-223 du 21 février 2007, CGCT LO6411-1',
  },
  {
    // LO n° 2007-223 du 21 février 2007 (CGCT LO6211-1): since 15 July 2007 the former commune
    // is an overseas collectivity exercising the powers of commune, département and région.
    code: '977',
    level: 'collectivite_outre_mer',
    name: 'Collectivité de Saint-Barthélemy',
    seatInsee: '97701',
    departementCode: '977',
    regionCode: '977',
    territory: { departements: ['977'] },
    legal: 'LO n° 2007-223 du 21 février 2007, CGCT LO6211-1 — depuis le 15 juillet 2007',
  },
  {
    // Same law (CGCT LO6311-1), since 15 July 2007.
    code: '978',
    level: 'collectivite_outre_mer',
    name: 'Collectivité de Saint-Martin',
    seatInsee: '97801',
    departementCode: '978',
    regionCode: '978',
    territory: { departements: ['978'] },
    legal: 'LO n° 2007-223 du 21 février 2007, CGCT LO6311-1 — depuis le 15 juillet 2007',
  },
  {
    // Loi n° 61-814 du 29 juillet 1961 (art. 74 Const.): the territory has an elected
    // territorial assembly; its three circonscriptions (Uvea, Alo, Sigave) are not communes.
    code: '986',
    level: 'collectivite_outre_mer',
    name: 'Territoire des îles Wallis et Futuna',
    seatInsee: '98613',
    departementCode: '986',
    regionCode: '986',
    territory: { departements: ['986'] },
    legal: 'Loi n° 61-814 du 29 juillet 1961, art. 74 de la Constitution',
  },
  {
    // LO n° 2004-192 du 27 février 2004: overseas collectivity ("pays d'outre-mer") with its
    // assembly and government; its 48 communes have municipal councils.
    code: '987',
    level: 'collectivite_outre_mer',
    name: 'Polynésie française',
    seatInsee: '98735',
    departementCode: '987',
    regionCode: '987',
    territory: { departements: ['987'] },
    legal: 'LO n° 2004-192 du 27 février 2004, art. 74 de la Constitution',
  },
  {
    // Title XIII of the Constitution; LO n° 99-209 du 19 mars 1999: a sui generis collectivity
    // (congress and government), with three provinces and 33 communes.
    code: '988',
    level: 'collectivite_statut_particulier',
    name: 'Nouvelle-Calédonie',
    seatInsee: '98818',
    departementCode: '988',
    regionCode: '988',
    territory: { departements: ['988'] },
    legal: 'Titre XIII de la Constitution, LO n° 99-209 du 19 mars 1999',
  },
  {
    // LO n° 99-209, art. 3 and 6: the provinces are territorial collectivities of the Republic.
    code: 'NC-PS',
    level: 'province',
    name: 'Province Sud',
    seatInsee: '98818',
    departementCode: '988',
    regionCode: '988',
    territory: { communes: NC_SUD },
    legal: 'LO n° 99-209 du 19 mars 1999, art. 3 et 6',
  },
  {
    code: 'NC-PN',
    level: 'province',
    name: 'Province Nord',
    seatInsee: '98811',
    departementCode: '988',
    regionCode: '988',
    territory: { communes: NC_NORD },
    legal: 'LO n° 99-209 du 19 mars 1999, art. 3 et 6',
  },
  {
    code: 'NC-PIL',
    level: 'province',
    name: 'Province des îles Loyauté',
    seatInsee: '98814',
    departementCode: '988',
    regionCode: '988',
    territory: { communes: NC_ILES_LOYAUTE },
    legal: 'LO n° 99-209 du 19 mars 1999, art. 3 et 6',
  },
];

/**
 * The établissements publics territoriaux of the Métropole du Grand Paris (loi NOTRe, art.
 * 59, CGCT L5219-2, since 1 January 2016) come from the COG's ept.json, one authority each
 * (level 'ept'), with their member communes. Paris is not an EPT: the Ville de Paris acts.
 */
export const EPT_LEGAL = 'Loi n° 2015-991 du 7 août 2015, art. 59, CGCT L5219-2 — depuis le 1er janvier 2016';

/** Names of ordinary régions where the council's name differs from the COG label. */
export const REGION_NAME_OVERRIDES: Record<string, string> = {
  '04': 'Région Réunion',
};

/** "Département de l'Ain", "Département du Nord"… from INSEE's type de nom en clair (TNCC). */
export function departementAuthorityName(name: string, typeLiaison: number | null | undefined): string {
  const bare = name.replace(/^(Le |La |Les |L')/, '');
  switch (typeLiaison) {
    case 1:
      return `Département d'${name}`;
    case 2:
      return `Département du ${bare}`;
    case 3:
      return `Département de la ${bare}`;
    case 4:
    case 6:
      return `Département des ${bare}`;
    case 5:
      return `Département de l'${bare}`;
    default:
      return `Département de ${name}`;
  }
}

export function regionAuthorityName(code: string, name: string): string {
  return REGION_NAME_OVERRIDES[code] ?? `Région ${name}`;
}
