/** Input shapes shared by the forms and the API, with French messages. */
import { z } from 'zod';
import { fields } from '../../http/validation.js';
import { AUDIENCES, EVENT_KINDS, isTimeZone, NETWORKS } from './domain/lifecycle.js';

const blankToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;
const list = (v: unknown) =>
  v === undefined || v === '' || v === null
    ? []
    : Array.isArray(v)
      ? v
      : typeof v === 'string'
        ? v.split(/\s*[\n;]\s*/).filter(Boolean)
        : [v];

export const httpUrl = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(500, `${label} : 500 caractères au plus.`)
      .regex(/^https?:\/\/\S+$/, `${label} : indiquez une adresse qui commence par https://.`)
      .nullable(),
  );

/** An ISO 8601 instant with its offset (API), e.g. 2026-03-12T14:00:00+01:00. */
const instant = (label: string) =>
  z
    .string({ error: `Indiquez ${label}.` })
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
      `Indiquez ${label} en ISO 8601 avec son fuseau, par exemple 2026-03-12T14:00:00+01:00.`,
    )
    .refine((s) => !Number.isNaN(new Date(s).getTime()), `${label} n’existe pas dans le calendrier.`)
    .transform((s) => new Date(s));

const common = {
  title: fields.requiredText('le titre'),
  kind: z.enum(EVENT_KINDS, `Type inconnu : choisissez ${EVENT_KINDS.join(', ')}.`),
  description: z.string().trim().max(5000, 'Présentation : 5 000 caractères au plus.').default(''),
  timeZone: z
    .preprocess(blankToNull, z.string().nullable())
    .transform((v) => v ?? 'Europe/Paris')
    .refine(isTimeZone, 'Fuseau horaire inconnu : par exemple Europe/Paris ou Indian/Reunion.'),
  place: z
    .preprocess(blankToNull, z.string().trim().max(300, 'Lieu : 300 caractères au plus.').nullable())
    .default(null),
  videoUrl: httpUrl('Lien de visioconférence').default(null),
  audience: z.enum(AUDIENCES, 'Public inconnu : both, unml, cuf ou region.'),
  region: z
    .preprocess(
      blankToNull,
      z
        .string()
        .regex(/^[0-9]{2,3}$/, 'Code de région : deux ou trois chiffres, par exemple 93.')
        .nullable(),
    )
    .default(null),
  capacity: z
    .preprocess((v) => {
      const b = blankToNull(v);
      return typeof b === 'string' ? Number(b) : b;
    }, z
      .number({ error: 'Capacité : indiquez un nombre de places.' })
      .int('Capacité : un nombre entier de places.')
      .min(1, 'Capacité : au moins une place (laissez vide pour ne pas limiter).')
      .max(100000, 'Capacité : 100 000 places au plus.')
      .nullable())
    .default(null),
  themes: z.preprocess(list, z.array(z.string().max(60)).max(20, '20 thèmes au plus.')).default([]),
  speakers: z
    .preprocess(list, z.array(z.string().trim().max(200)).max(30, '30 intervenants au plus.'))
    .default([]),
  roadmapActionId: z
    .preprocess(blankToNull, fields.uuid('l’action de la feuille de route').nullable())
    .default(null),
  hostNetwork: z
    .preprocess(blankToNull, z.enum(NETWORKS, 'Réseau hôte : unml ou cuf.').nullable())
    .default(null),
  presentingNetwork: z
    .preprocess(blankToNull, z.enum(NETWORKS, 'Réseau qui présente : unml ou cuf.').nullable())
    .default(null),
  organiserId: z.preprocess(blankToNull, fields.uuid('l’organisation').nullable()).default(null),
};

/** Local date and time typed in a form, read in the event's zone. */
const localDateTime = (label: string) =>
  z
    .string({ error: `Indiquez ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Indiquez ${label} (date et heure).`);

export const eventApiSchema = z.object({
  ...common,
  startsAt: instant('le début'),
  endsAt: instant('la fin'),
});

export const eventFormSchema = z.object({
  ...common,
  startsAt: localDateTime('le début'),
  endsAt: localDateTime('la fin'),
});

export type EventInput = Omit<z.infer<typeof eventApiSchema>, never>;

/** "2026-03-12T14:00" in `tz` → the instant. */
export function zonedToInstant(local: string, tz: string): Date {
  const asUtc = new Date(`${local}:00Z`);
  // The zone's offset at that moment (twice, to settle across a change of offset).
  let guess = asUtc.getTime();
  for (let i = 0; i < 2; i++) guess = asUtc.getTime() - offsetMs(new Date(guess), tz);
  return new Date(guess);
}

function offsetMs(at: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant as "2026-03-12T14:00" in `tz` (to fill a form). */
export function instantToZoned(at: string | Date, tz: string): string {
  const d = new Date(at);
  return new Date(d.getTime() + offsetMs(d, tz)).toISOString().slice(0, 16);
}

export const guestSchema = z.object({
  name: fields.requiredText('votre nom', 120),
  email: fields.email(),
  organisationName: fields.requiredText('votre organisation', 200),
});

export const memberRegistrationSchema = z.object({
  organisationId: fields.uuid('l’organisation'),
});

export const outcomeSchema = z.object({
  attended: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
  summary: z.string().trim().max(5000, 'Compte rendu : 5 000 caractères au plus.').default(''),
  slidesUrl: httpUrl('Support de présentation').default(null),
  replayUrl: httpUrl('Replay').default(null),
});
