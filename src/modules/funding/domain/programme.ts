/** Funding programmes: vocabulary and pure rules (no database). */

export const PROJECT_KINDS = ['youth_mobility', 'ecsi', 'staff_mobility', 'reciprocal_hosting'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const APPLICANT_TYPES = [
  'local_authority',
  'authority_grouping',
  'association',
  'mission_locale',
  'public_body',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Zones a programme may name besides ISO alpha-2 country codes. */
export const ZONES = ['world', 'oda', 'eu', 'eu_neighbours'] as const;
export type Zone = (typeof ZONES)[number];

export interface Call {
  id?: string;
  title: string;
  opensOn: string;
  closesOn: string;
}

export interface Programme {
  id: string;
  slug: string | null;
  name: string;
  funder: string;
  summary: string;
  applicantTypes: ApplicantType[];
  projectKinds: ProjectKind[];
  zones: string[];
  amountMin: number | null;
  amountMax: number | null;
  cofundingMaxPercent: number | null;
  recurrence: string;
  officialUrl: string | null;
  factsYear: string;
  sources: string[];
  calls: Call[];
}

/** A call is open on `today` (YYYY-MM-DD) from its opening day to its closing day inclusive. */
export const isCallOpen = (call: Call, today: string) => call.opensOn <= today && today <= call.closesOn;

export const openCalls = (p: Pick<Programme, 'calls'>, today: string) =>
  p.calls.filter((c) => isCallOpen(c, today));

/** The next call still to open, if any. */
export const nextCall = (p: Pick<Programme, 'calls'>, today: string) =>
  p.calls.filter((c) => c.opensOn > today).sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0] ?? null;

/** Days from `today` to the call's closing day (0 on the closing day). */
export function daysUntilClose(call: Call, today: string): number {
  return Math.round(
    (Date.parse(`${call.closesOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * Countries of the European Union and the third countries associated with Erasmus+ and the
 * European Solidarity Corps (2021-2027 programme guide: IS, LI, NO, MK, RS, TR).
 */
export const EU_AND_ASSOCIATED = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO MK RS TR'.split(
    ' ',
  ),
);
/** Neighbours of the EU in the Erasmus+ guide: Western Balkans, Eastern Partnership, Southern Mediterranean. */
export const EU_NEIGHBOURS = new Set(
  'AL BA XK ME AM AZ BY GE MD UA DZ EG IL JO LB LY MA PS SY TN'.split(' '),
);
/**
 * Countries that are NOT eligible to official development assistance (OECD DAC list
 * 2024-2025 excludes high-income countries). Everything else counts as ODA-eligible,
 * which errs on the side of suggesting a programme rather than hiding it.
 */
export const NOT_ODA = new Set(
  'AD AE AG AT AU BE BG BH BN BS CA CH CL CY CZ DE DK EE ES FI FR GB GR HR HU IE IL IS IT JP KN KR KW LI LT LU LV MC MT NL NO NZ OM PA PL PT QA RO RU SA SC SE SG SI SK SM TW US UY VA'.split(
    ' ',
  ),
);

/** Does a partner country fall within one of the programme's zones? (An empty list means "not said".) */
export function countryInZones(country: string, zones: string[]): boolean {
  if (zones.length === 0 || zones.includes('world')) return true;
  return zones.some((z) => {
    if (z === 'oda') return !NOT_ODA.has(country);
    if (z === 'eu') return EU_AND_ASSOCIATED.has(country);
    if (z === 'eu_neighbours') return EU_NEIGHBOURS.has(country);
    return z === country;
  });
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export interface ProgrammeFilter {
  q?: string;
  projectKind?: ProjectKind;
  applicantType?: ApplicantType;
  openOnly?: boolean;
}

/** The catalogue is small (tens of programmes): filtering happens in memory, accents ignored. */
export function filterProgrammes<P extends Programme>(all: P[], f: ProgrammeFilter, today: string): P[] {
  const words = fold(f.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return all.filter((p) => {
    if (f.projectKind && !p.projectKinds.includes(f.projectKind)) return false;
    if (f.applicantType && !p.applicantTypes.includes(f.applicantType)) return false;
    if (f.openOnly && openCalls(p, today).length === 0) return false;
    if (words.length) {
      const hay = fold(`${p.name} ${p.funder} ${p.summary} ${p.slug ?? ''}`);
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

/** "200 000 € à 1 500 000 €", "jusqu’à 10 000 €", "" */
export function formatAmountRange(min: number | null, max: number | null): string {
  const eur = (n: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n)} €`;
  if (min !== null && max !== null) return `${eur(min)} à ${eur(max)}`;
  if (max !== null) return `jusqu’à ${eur(max)}`;
  if (min !== null) return `à partir de ${eur(min)}`;
  return '';
}
