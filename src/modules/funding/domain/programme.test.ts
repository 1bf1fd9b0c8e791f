import { describe, expect, it } from 'vitest';
import {
  countryInZones,
  daysUntilClose,
  filterProgrammes,
  formatAmountRange,
  isCallOpen,
  type Programme,
} from './programme.js';

const p = (o: Partial<Programme>): Programme => ({
  id: o.id ?? 'x',
  slug: null,
  name: 'Programme',
  funder: 'Financeur',
  summary: '',
  applicantTypes: [],
  projectKinds: [],
  zones: [],
  amountMin: null,
  amountMax: null,
  cofundingMaxPercent: null,
  recurrence: '',
  officialUrl: null,
  factsYear: '',
  sources: [],
  calls: [],
  ...o,
});

describe('funding programmes', () => {
  it('a call is open from its opening day to its closing day inclusive', () => {
    const call = { title: 'A', opensOn: '2026-01-10', closesOn: '2026-03-31' };
    expect(isCallOpen(call, '2026-01-09')).toBe(false);
    expect(isCallOpen(call, '2026-01-10')).toBe(true);
    expect(isCallOpen(call, '2026-03-31')).toBe(true);
    expect(isCallOpen(call, '2026-04-01')).toBe(false);
    expect(daysUntilClose(call, '2026-03-24')).toBe(7);
  });
  it('zones: world, ODA-eligible, EU and neighbours, or named countries', () => {
    expect(countryInZones('SN', ['oda'])).toBe(true);
    expect(countryInZones('DE', ['oda'])).toBe(false);
    expect(countryInZones('DE', ['eu'])).toBe(true);
    expect(countryInZones('TN', ['eu'])).toBe(false);
    expect(countryInZones('TN', ['eu', 'eu_neighbours'])).toBe(true);
    expect(countryInZones('JP', ['world'])).toBe(true);
    expect(countryInZones('MA', ['SN', 'MA'])).toBe(true);
    expect(countryInZones('ML', ['SN', 'MA'])).toBe(false);
  });
  it('filters by words (accents ignored), kind, applicant and open calls', () => {
    const all = [
      p({
        id: 'a',
        name: 'Échanges de jeunes',
        projectKinds: ['youth_mobility'],
        applicantTypes: ['association'],
      }),
      p({
        id: 'b',
        name: 'Coopération',
        projectKinds: ['ecsi'],
        calls: [{ title: 'c', opensOn: '2026-01-01', closesOn: '2026-02-01' }],
      }),
    ];
    expect(filterProgrammes(all, { q: 'echanges' }, '2026-01-15').map((x) => x.id)).toEqual(['a']);
    expect(filterProgrammes(all, { projectKind: 'ecsi' }, '2026-01-15').map((x) => x.id)).toEqual(['b']);
    expect(filterProgrammes(all, { applicantType: 'association' }, '2026-01-15').map((x) => x.id)).toEqual([
      'a',
    ]);
    expect(filterProgrammes(all, { openOnly: true }, '2026-01-15').map((x) => x.id)).toEqual(['b']);
    expect(filterProgrammes(all, { openOnly: true }, '2026-03-01')).toEqual([]);
  });
  it('formats amount ranges in French', () => {
    expect(formatAmountRange(200000, 1500000)).toBe(
      '200 000 € à 1 500 000 €'
        .replace(/ /g, '\u202f')
        .replace(/\u202f€/g, ' €')
        .replace(/\u202fà\u202f/g, ' à '),
    );
    expect(formatAmountRange(null, 10000)).toMatch(/^jusqu’à 10.000 €$/);
    expect(formatAmountRange(null, null)).toBe('');
  });
});
