/**
 * Project lifecycle (issue 5): idea → in_preparation → funded → running → completed →
 * evaluated, or abandoned (with a reason) from any status before completion. Each allowed
 * transition is a row of TRANSITIONS with a guard that names, in French, what is missing.
 */
import { formatDate } from '../../../i18n/i18n.js';
import type { ProjectKind } from '../../funding/domain/programme.js';

export const STATUSES = [
  'idea',
  'in_preparation',
  'funded',
  'running',
  'completed',
  'evaluated',
  'abandoned',
] as const;
export type Status = (typeof STATUSES)[number];

export const CRITERIA = ['horizontality', 'reciprocity', 'durability'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** What the guards look at: a snapshot of the project, read in the transaction. */
export interface ProjectFacts {
  status: Status;
  kind: ProjectKind;
  startsOn: string | null;
  endsOn: string | null;
  partnerKinds: string[];
  foreignPartners: number;
  countries: string[];
  obtainedFundingLines: number;
  youngParticipants: number;
  staffParticipants: number;
  assessedCriteria: Criterion[];
}

export type Guard = (p: ProjectFacts, today: string) => string[];

const partners: Guard = (p) => {
  const out: string[] = [];
  if (!p.partnerKinds.includes('mission_locale')) out.push('Ajoutez au moins une Mission Locale partenaire.');
  if (!p.partnerKinds.includes('local_authority'))
    out.push('Ajoutez au moins une collectivité territoriale partenaire.');
  return out;
};
const countries: Guard = (p) => (p.countries.length ? [] : ['Indiquez au moins un pays du projet.']);
const dates: Guard = (p) => {
  if (!p.startsOn || !p.endsOn) return ['Indiquez les dates de début et de fin du projet.'];
  if (p.startsOn > p.endsOn) return ['La date de fin doit suivre la date de début.'];
  return [];
};
const obtained: Guard = (p) =>
  p.obtainedFundingLines > 0
    ? []
    : ['Enregistrez au moins un financement obtenu dans le plan de financement.'];
const started: Guard = (p, today) =>
  p.startsOn && p.startsOn > today
    ? [`Le projet commence le ${formatDate(p.startsOn)} : il ne peut pas encore être en cours.`]
    : [];
const ended: Guard = (p, today) =>
  p.endsOn && p.endsOn > today
    ? [`Le projet finit le ${formatDate(p.endsOn)} : il ne peut pas encore être terminé.`]
    : [];
const participants: Guard = (p) =>
  p.youngParticipants + p.staffParticipants > 0
    ? []
    : ['Enregistrez le nombre de participants (par tranche d’âge, sexe, situation).'];
const assessed: Guard = (p) => {
  const missing = CRITERIA.filter((c) => !p.assessedCriteria.includes(c));
  return missing.length
    ? [`Complétez l’auto-évaluation (art. 2) : ${missing.map((c) => CRITERION_FR[c]).join(', ')}.`]
    : [];
};

export const CRITERION_FR: Record<Criterion, string> = {
  horizontality: 'horizontalité',
  reciprocity: 'réciprocité',
  durability: 'durabilité',
};

const all =
  (...gs: Guard[]): Guard =>
  (p, today) =>
    gs.flatMap((g) => g(p, today));
const none: Guard = () => [];

/** Every allowed transition and its guard. Anything not listed is refused. */
export const TRANSITIONS: { from: Status; to: Status; guard: Guard; needsReason?: boolean }[] = [
  { from: 'idea', to: 'in_preparation', guard: all(partners, countries) },
  { from: 'in_preparation', to: 'funded', guard: all(partners, countries, dates, obtained) },
  { from: 'funded', to: 'running', guard: all(dates, started) },
  { from: 'running', to: 'completed', guard: all(ended, participants) },
  { from: 'completed', to: 'evaluated', guard: all(participants, assessed) },
  { from: 'idea', to: 'abandoned', guard: none, needsReason: true },
  { from: 'in_preparation', to: 'abandoned', guard: none, needsReason: true },
  { from: 'funded', to: 'abandoned', guard: none, needsReason: true },
  { from: 'running', to: 'abandoned', guard: none, needsReason: true },
];

export const STATUS_FR: Record<Status, string> = {
  idea: 'idée',
  in_preparation: 'en préparation',
  funded: 'financé',
  running: 'en cours',
  completed: 'terminé',
  evaluated: 'évalué',
  abandoned: 'abandonné',
};

export type TransitionCheck = { ok: true } | { ok: false; reasons: string[] };

/** May the project go to `to` today? With the reasons when it may not. */
export function checkTransition(
  p: ProjectFacts,
  to: Status,
  today: string,
  reason?: string,
): TransitionCheck {
  const row = TRANSITIONS.find((t) => t.from === p.status && t.to === to);
  if (!row)
    return {
      ok: false,
      reasons: [`Un projet « ${STATUS_FR[p.status]} » ne peut pas passer à « ${STATUS_FR[to] ?? to} ».`],
    };
  const reasons = row.guard(p, today);
  if (row.needsReason && !(reason ?? '').trim()) reasons.push('Indiquez la raison de l’abandon.');
  return reasons.length ? { ok: false, reasons } : { ok: true };
}

/** The statuses reachable from the current one (whatever their guards say). */
export const nextStatuses = (from: Status): Status[] =>
  TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
