import { z } from 'zod';
import type { Queryable } from '../../../db/client.js';
import { type Sql, sql } from '../../../db/sql.js';
import { formatDate, formatDateTime } from '../../../i18n/i18n.js';

/** Rows shown per page on the admin lists. */
export const PAGE_SIZE = 50;
/** A CSV export holds at most this many entries (the filters narrow it down). */
export const CSV_MAX_ROWS = 100_000;

const isoDay = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : indiquez une date au format AAAA-MM-JJ.`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label} : cette date n'existe pas dans le calendrier.`)
    .optional()
    .or(z.literal('').transform(() => undefined));

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au plus.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const pageParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return 1;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) {
      ctx.addIssue({ code: 'custom', message: 'Page : indiquez un nombre entier positif.' });
      return z.NEVER;
    }
    return n;
  });

/** The journal's filters, read from the query string (GET form: the URL can be shared). */
export const journalFiltersSchema = z
  .object({
    entite: optionalText(100, "Type d'objet"),
    action: optionalText(100, 'Action'),
    acteur: optionalText(200, 'Auteur'),
    du: isoDay('Du'),
    au: isoDay('Au'),
    page: pageParam,
  })
  .refine((f) => !f.du || !f.au || f.du <= f.au, {
    path: ['au'],
    message: 'Au : la date de fin doit suivre la date de début.',
  });
export type JournalFilters = z.infer<typeof journalFiltersSchema>;

/** The WHERE clause of the filters. Days are Paris days (the users' calendar). */
export function journalWhere(f: JournalFilters): Sql {
  const conds: Sql[] = [];
  if (f.entite) conds.push(sql`entity_type = ${f.entite}`);
  if (f.action) conds.push(sql`action = ${f.action}`);
  if (f.acteur) {
    const like = `%${f.acteur.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(sql`actor_label ILIKE ${like}`);
  }
  if (f.du) conds.push(sql`at >= (${f.du}::date::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (f.au) conds.push(sql`at < ((${f.au}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);
  return conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql.empty;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  organisation_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export async function journalPage(db: Queryable, f: JournalFilters) {
  const where = journalWhere(f);
  const { n } = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log ${where}`);
  const pages = Math.max(1, Math.ceil(n / PAGE_SIZE));
  const rows = await db.many<AuditRow>(
    sql`SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET ${(f.page - 1) * PAGE_SIZE}`,
  );
  return { total: n, pages, rows };
}

/** The values the filter lists offer: entity types and actions present in the log. */
export async function journalChoices(db: Queryable) {
  const entities = await db.many<{ v: string }>(
    sql`SELECT DISTINCT entity_type AS v FROM audit_log ORDER BY 1`,
  );
  const actions = await db.many<{ v: string }>(sql`SELECT DISTINCT action AS v FROM audit_log ORDER BY 1`);
  return { entities: entities.map((r) => r.v), actions: actions.map((r) => r.v) };
}

/** Keys whose values never leave the database through the journal pages or CSV. */
const SECRET_KEY = /password|passwd|secret|token|hash|csrf|cookie/i;

/**
 * A copy of an audit state with secret-looking values masked (defence in depth: modules
 * should not audit secrets, but a password hash must never show on a page or in a CSV).
 */
export function maskSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) && x != null ? '[masqué]' : maskSecrets(x)]),
  );
}

export interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What changed between two states: the keys whose value differs (added, removed or
 * modified), sorted. A state that is not an object is compared as a whole (key "").
 */
export function changedKeys(before: unknown, after: unknown): Change[] {
  if (before == null && after == null) return [];
  const b = before ?? {};
  const a = after ?? {};
  if (!isRecord(b) || !isRecord(a)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ key: '', before: maskSecrets(before), after: maskSecrets(after) }];
  }
  // Compared on the real values (a new password hash is a change), shown masked.
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const mask = (k: string, v: unknown) =>
    v === undefined ? undefined : (maskSecrets({ [k]: v }) as Record<string, unknown>)[k];
  return keys
    .filter((k) => stableJson(b[k]) !== stableJson(a[k]))
    .map((k) => ({ key: k, before: mask(k, b[k]), after: mask(k, a[k]) }));
}

/** JSON with object keys sorted, so that key order never counts as a change. */
export function stableJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, x) =>
    isRecord(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Dates read in French ("6 mai 2024"), never as raw ISO text (issue 9 §5). */
function readableDates(v: unknown): unknown {
  if (typeof v === 'string') {
    if (ISO_DATE.test(v)) return formatDate(v);
    if (ISO_INSTANT.test(v)) return formatDateTime(v);
    return v;
  }
  if (Array.isArray(v)) return v.map(readableDates);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readableDates(x)]));
  return v;
}

/** A value as readable text in a diff cell: strings as they are (dates in French), the rest as JSON. */
export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  const shown = readableDates(v);
  if (typeof shown === 'string') return shown;
  return JSON.stringify(shown, null, 1);
}

import { csvCell } from '../../../lib/csv.js';

export { csvCell };

export const JOURNAL_CSV_HEADER = [
  'id',
  'date',
  'auteur',
  'auteur_id',
  'action',
  'type_objet',
  'objet_id',
  'organisation_id',
  'avant',
  'apres',
  'requete',
];

/** The CSV export: semicolon-separated (French spreadsheets), UTF-8 with BOM, CRLF. */
export function journalCsv(rows: AuditRow[]): string {
  const lines = [JOURNAL_CSV_HEADER.join(';')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.at,
        r.actor_label,
        r.actor_user_id,
        r.action,
        r.entity_type,
        r.entity_id,
        r.organisation_id,
        maskSecrets(r.before),
        maskSecrets(r.after),
        r.request_id,
      ]
        .map((v) => csvCell(typeof v === 'number' ? String(v) : v))
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Builds a URL of the same list with other query parameters (filters kept). */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
