import { describe, expect, it } from 'vitest';
import { isValidated, type RoadmapAction, roadmapHash, rollUp, unfinished } from './roadmap.js';
import { exportActions, importActions, parseCsv } from './roadmap-csv.js';

const action = (o: Partial<RoadmapAction> = {}): RoadmapAction => ({
  id: 'a1',
  title: 'Webinaire commun',
  description: '',
  engagement: 'exchange_events',
  ownerOrganisationId: 'UNML',
  coOwnerIds: [],
  indicator: 'participants',
  targetValue: 100,
  dueOn: '2027-03-01',
  status: 'planned',
  progress: 0,
  weight: 1,
  ...o,
});

describe('art. 3 : annual roadmap', () => {
  it('rolls progress up, weighted; done counts 100 %, dropped does not count', () => {
    expect(rollUp([])).toBeNull();
    expect(rollUp([action({ progress: 50 }), action({ progress: 100, weight: 3 })])).toBe(88);
    expect(rollUp([action({ status: 'done', progress: 10 }), action({ progress: 0 })])).toBe(50);
    expect(rollUp([action({ status: 'dropped', progress: 0, weight: 5 }), action({ progress: 40 })])).toBe(
      40,
    );
    expect(rollUp([action({ weight: 0 })])).toBeNull();
  });
  it('art. 4 and 6 : the approved hash changes with the plan, not with progress', () => {
    const h = roadmapHash(2, [action()]);
    expect(roadmapHash(2, [action({ progress: 60, status: 'in_progress' })])).toBe(h);
    expect(roadmapHash(2, [action({ targetValue: 120 })])).not.toBe(h);
    expect(roadmapHash(3, [action()])).not.toBe(h);
    expect(roadmapHash(2, [action({ id: 'b' }), action()])).toBe(
      roadmapHash(2, [action(), action({ id: 'b' })]),
    );
  });
  it('is validated once every party approved the current hash', () => {
    const h = roadmapHash(2, [action()]);
    expect(isValidated(['UNML', 'CUF'], [{ organisationId: 'UNML', hash: h }], h)).toBe(false);
    expect(
      isValidated(
        ['UNML', 'CUF'],
        [
          { organisationId: 'UNML', hash: h },
          { organisationId: 'CUF', hash: 'old' },
        ],
        h,
      ),
    ).toBe(false);
    expect(
      isValidated(
        ['UNML', 'CUF'],
        [
          { organisationId: 'UNML', hash: h },
          { organisationId: 'CUF', hash: h },
        ],
        h,
      ),
    ).toBe(true);
  });
  it('renewal carries over the unfinished actions only', () => {
    const list = [
      action({ id: '1', status: 'done' }),
      action({ id: '2', status: 'in_progress' }),
      action({ id: '3', status: 'dropped' }),
      action({ id: '4' }),
    ];
    expect(unfinished(list).map((a) => a.id)).toEqual(['2', '4']);
  });
});

describe('CSV import/export of actions', () => {
  const parties = [
    { id: 'UNML', names: ['UNML', 'Union nationale des Missions Locales'] },
    { id: 'CUF', names: ['CUF', 'Cités Unies France'] },
  ];
  it('parses quoted fields, semicolons and CRLF', () => {
    expect(parseCsv('a;"b;c";"d ""e"""\r\n1;2;3\r\n')).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('imports valid rows and reports each invalid row with its line', () => {
    const csv = [
      'titre;engagement;porteur;coporteurs;cible;echeance;statut;avancement',
      'Webinaire ECSI;ecsi_awareness;UNML;CUF;2;2027-03-01;planned;0',
      ';unknown;Mairie X;;abc;2027-02-30;fini;150',
      'Lettre commune;joint_communication;cités unies france;;;;in_progress;40%',
    ].join('\n');
    const r = importActions(csv, parties);
    expect(
      r.actions.map((a) => [a.line, a.action.title, a.action.ownerOrganisationId, a.action.progress]),
    ).toEqual([
      [2, 'Webinaire ECSI', 'UNML', 0],
      [4, 'Lettre commune', 'CUF', 40],
    ]);
    expect(r.actions[0].action.coOwnerIds).toEqual(['CUF']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(3);
    expect(r.errors[0].messages.join(' ')).toMatch(
      /titre.*engagement.*porteur.*cible.*echeance.*statut.*avancement/,
    );
  });
  it('reports missing columns', () => {
    expect(importActions('nom;date\nx;y', parties).errors[0].messages[0]).toMatch(
      /titre, engagement, porteur/,
    );
  });
  it('exports what it imports', () => {
    const csv = exportActions(
      [action({ coOwnerIds: ['CUF'], description: 'Avec; point-virgule' })],
      (id) => id,
    );
    const back = importActions(csv, parties);
    expect(back.errors).toEqual([]);
    expect(back.actions[0].action).toMatchObject({
      title: 'Webinaire commun',
      description: 'Avec; point-virgule',
      coOwnerIds: ['CUF'],
      targetValue: 100,
    });
  });
});
