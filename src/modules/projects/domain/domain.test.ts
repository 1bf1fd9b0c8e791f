import { describe, expect, it } from 'vitest';
import type { Programme } from '../../funding/domain/programme.js';
import { summarise } from './budget.js';
import { applicantTypesOf, eligibility } from './eligibility.js';
import { checkTransition, nextStatuses, type ProjectFacts, STATUSES, TRANSITIONS } from './lifecycle.js';
import { checkCounts, emptyCounts, totalOf } from './participants.js';

const ready: ProjectFacts = {
  status: 'idea',
  kind: 'youth_mobility',
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  partnerKinds: ['mission_locale', 'local_authority'],
  foreignPartners: 1,
  countries: ['SN'],
  obtainedFundingLines: 1,
  youngParticipants: 12,
  staffParticipants: 2,
  assessedCriteria: ['horizontality', 'reciprocity', 'durability'],
};
const at = (o: Partial<ProjectFacts>): ProjectFacts => ({ ...ready, ...o });
const TODAY = '2026-07-15';

describe('project lifecycle (table of guarded transitions)', () => {
  it('the happy path goes idea → in_preparation → funded → running → completed → evaluated', () => {
    const path = ['idea', 'in_preparation', 'funded', 'running', 'completed', 'evaluated'] as const;
    for (let i = 0; i < path.length - 1; i++)
      expect(checkTransition(at({ status: path[i] }), path[i + 1], TODAY)).toEqual({ ok: true });
  });
  it('every transition not in the table is refused, naming both statuses', () => {
    for (const from of STATUSES)
      for (const to of STATUSES) {
        if (TRANSITIONS.some((t) => t.from === from && t.to === to)) continue;
        const r = checkTransition(at({ status: from }), to, TODAY, 'raison');
        expect(r.ok, `${from} → ${to}`).toBe(false);
      }
    const r = checkTransition(at({ status: 'idea' }), 'funded', TODAY);
    expect(r).toEqual({ ok: false, reasons: ['Un projet « idée » ne peut pas passer à « financé ».'] });
    expect(nextStatuses('evaluated')).toEqual([]);
    expect(nextStatuses('abandoned')).toEqual([]);
  });
  it('in_preparation needs a Mission Locale, a local authority and a country', () => {
    const r = checkTransition(
      at({ partnerKinds: ['mission_locale'], countries: [] }),
      'in_preparation',
      TODAY,
    );
    expect(r).toEqual({
      ok: false,
      reasons: [
        'Ajoutez au moins une collectivité territoriale partenaire.',
        'Indiquez au moins un pays du projet.',
      ],
    });
    expect(checkTransition(at({ partnerKinds: ['local_authority'] }), 'in_preparation', TODAY).ok).toBe(
      false,
    );
  });
  it('funded needs at least one obtained funding line and dates in order', () => {
    const p = at({ status: 'in_preparation' });
    expect(checkTransition({ ...p, obtainedFundingLines: 0 }, 'funded', TODAY)).toEqual({
      ok: false,
      reasons: ['Enregistrez au moins un financement obtenu dans le plan de financement.'],
    });
    expect(checkTransition({ ...p, startsOn: '2026-07-01', endsOn: '2026-06-01' }, 'funded', TODAY)).toEqual({
      ok: false,
      reasons: ['La date de fin doit suivre la date de début.'],
    });
    expect(checkTransition({ ...p, endsOn: null }, 'funded', TODAY).ok).toBe(false);
  });
  it('running needs the start date reached; completed needs the end date reached and participants', () => {
    expect(
      checkTransition(
        at({ status: 'funded', startsOn: '2026-08-01', endsOn: '2026-09-01' }),
        'running',
        TODAY,
      ).ok,
    ).toBe(false);
    expect(checkTransition(at({ status: 'running', endsOn: '2026-09-01' }), 'completed', TODAY).ok).toBe(
      false,
    );
    expect(
      checkTransition(
        at({ status: 'running', youngParticipants: 0, staffParticipants: 0 }),
        'completed',
        TODAY,
      ),
    ).toEqual({
      ok: false,
      reasons: ['Enregistrez le nombre de participants (par tranche d’âge, sexe, situation).'],
    });
  });
  it('evaluated needs the three criteria of art. 2 assessed', () => {
    expect(
      checkTransition(at({ status: 'completed', assessedCriteria: ['reciprocity'] }), 'evaluated', TODAY),
    ).toEqual({
      ok: false,
      reasons: ['Complétez l’auto-évaluation (art. 2) : horizontalité, durabilité.'],
    });
  });
  it('abandoned is possible before completion, with a reason only', () => {
    for (const s of ['idea', 'in_preparation', 'funded', 'running'] as const) {
      expect(checkTransition(at({ status: s }), 'abandoned', TODAY, 'Partenaire retiré')).toEqual({
        ok: true,
      });
      expect(checkTransition(at({ status: s }), 'abandoned', TODAY, '  ')).toEqual({
        ok: false,
        reasons: ['Indiquez la raison de l’abandon.'],
      });
    }
    expect(checkTransition(at({ status: 'completed' }), 'abandoned', TODAY, 'x').ok).toBe(false);
  });
});

describe('budget and funding plan', () => {
  it('totals and co-funding rates', () => {
    const s = summarise(
      [
        { label: 'Transport', amount: 12000 },
        { label: 'Hébergement', amount: 8000 },
      ],
      [
        { source: 'MEAE', requested: 10000, obtained: 9000, status: 'obtained' },
        { source: 'Région', requested: 5000, obtained: null, status: 'requested' },
        { source: 'Fondation', requested: 3000, obtained: null, status: 'refused' },
      ],
    );
    expect(s).toMatchObject({
      budgetTotal: 20000,
      requestedTotal: 15000,
      obtainedTotal: 9000,
      remaining: 11000,
      coveredPercent: 45,
    });
    expect(s.lines.map((l) => l.ratePercent)).toEqual([45, 25, 0]);
    expect(summarise([], []).coveredPercent).toBeNull();
  });
});

describe('participants (aggregates only)', () => {
  it('age and sex totals must agree; a situation never exceeds the total', () => {
    const c = emptyCounts();
    c.young.age = { '18_25': 10, under_18: 2 };
    c.young.sex = { female: 7, male: 4 };
    c.young.situation = { neet: 13 };
    expect(checkCounts(c)).toEqual({
      'young.sex': 'Participants (jeunes) : le total par sexe (11) doit égaler le total par âge (12).',
      'young.situation.neet':
        'Participants (jeunes) : une situation ne peut pas compter plus de personnes que le total (12).',
    });
    c.young.sex = { female: 7, male: 5 };
    c.young.situation = { neet: 8, qpv: 4 };
    expect(checkCounts(c)).toEqual({});
    expect(totalOf(c, 'young')).toBe(12);
  });
});

const prog = (o: Partial<Programme>): Programme => ({
  id: 'p',
  slug: null,
  name: 'P',
  funder: 'F',
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

describe('funding eligibility', () => {
  const project = {
    kind: 'youth_mobility' as const,
    partners: [
      { kind: 'mission_locale', level: null },
      { kind: 'local_authority', level: 'commune' },
    ],
    countries: ['SN'],
    budgetTotal: 20000,
    requestedByProgramme: { jsi: 12000 },
  };
  it('explains why each programme fits or not', () => {
    const r = eligibility(
      project,
      [
        prog({
          id: 'daect',
          applicantTypes: ['local_authority'],
          projectKinds: ['youth_mobility'],
          zones: ['world'],
          cofundingMaxPercent: 70,
          calls: [{ title: 'x', opensOn: '2026-01-01', closesOn: '2026-03-01' }],
        }),
        prog({
          id: 'ficol',
          applicantTypes: ['local_authority'],
          projectKinds: ['ecsi'],
          zones: ['oda'],
          amountMin: 200000,
        }),
        prog({
          id: 'erasmus',
          applicantTypes: ['association'],
          projectKinds: ['youth_mobility'],
          zones: ['eu'],
        }),
        prog({
          id: 'jsi',
          applicantTypes: ['association'],
          projectKinds: ['youth_mobility'],
          zones: ['oda'],
          amountMax: 10000,
        }),
        prog({ id: 'vsi', applicantTypes: ['public_body'], projectKinds: ['youth_mobility'] }),
      ],
      '2026-02-01',
    );
    expect(r.eligible.map((v) => v.programme.id)).toEqual(['daect']);
    expect(r.eligible[0].reasons).toContain('Appel ouvert jusqu’au 1 mars 2026.');
    expect(r.eligible[0].reasons).toContain(
      'Peut être déposé par une collectivité territoriale du partenariat.',
    );
    const why = Object.fromEntries(r.ineligible.map((v) => [v.programme.id, v.reasons]));
    expect(why.ficol).toEqual([
      'Ne finance pas ce type de projet (mobilité internationale de jeunes).',
      'Budget trop petit : le programme finance au moins 200 000 €.'.replace(/ (?=\d{3} €)/, '\u202f'),
    ]);
    expect(why.erasmus).toEqual(['Pays hors de la zone du programme : SN.']);
    expect(why.jsi[0]).toMatch(
      /^Montant demandé \(12.000 €\) supérieur au plafond du programme \(10.000 €\)\.$/,
    );
    expect(why.vsi).toEqual(['Réservé à un établissement public : aucun partenaire ne l’est.']);
  });
  it('a Mission Locale applies as a Mission Locale or an association; an EPCI as a grouping', () => {
    expect(applicantTypesOf({ kind: 'mission_locale', level: null })).toEqual([
      'mission_locale',
      'association',
    ]);
    expect(applicantTypesOf({ kind: 'local_authority', level: 'epci' })).toContain('authority_grouping');
    expect(applicantTypesOf({ kind: 'foreign_partner', level: null })).toEqual([]);
  });
});
