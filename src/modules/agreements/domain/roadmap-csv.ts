/**
 * CSV import and export of roadmap actions, with a per-row error report. Accepts ';' (French
 * spreadsheets) or ',' as separator, quoted fields, CRLF. Pure.
 */
import { csvRow, unneutralise } from '../../../lib/csv.js';
import { isIsoDate } from './dates.js';
import { ACTION_STATUSES, ENGAGEMENTS, type RoadmapAction } from './roadmap.js';

export const CSV_COLUMNS = [
  'titre',
  'description',
  'engagement',
  'porteur',
  'coporteurs',
  'indicateur',
  'cible',
  'echeance',
  'statut',
  'avancement',
  'poids',
] as const;

export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(unneutralise(field));
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(unneutralise(field));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(unneutralise(field));
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Rows written with the platform's CSV writer (formulas neutralised; read back by parseCsv). */
export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => csvRow(r)).join('\r\n')}\r\n`;
}

export type ImportedAction = Omit<RoadmapAction, 'id'>;

export interface ImportReport {
  actions: { line: number; action: ImportedAction }[];
  errors: { line: number; messages: string[] }[];
}

/**
 * Reads actions from CSV. `parties` maps a party's name or code (case-insensitive) to its
 * id. Every row with an error is reported with its line number; valid rows are returned.
 */
export function importActions(text: string, parties: { id: string; names: string[] }[]): ImportReport {
  const rows = parseCsv(text);
  const report: ImportReport = { actions: [], errors: [] };
  if (rows.length === 0) {
    report.errors.push({ line: 1, messages: ['Le fichier est vide.'] });
    return report;
  }
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const missing = ['titre', 'engagement', 'porteur'].filter((c) => !header.includes(c));
  if (missing.length) {
    report.errors.push({ line: 1, messages: [`Colonnes manquantes : ${missing.join(', ')}.`] });
    return report;
  }
  const find = (name: string) => {
    const n = name.trim().toLowerCase();
    return parties.find((p) => p.names.some((x) => x.toLowerCase() === n))?.id ?? null;
  };
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (c: string) => (header.indexOf(c) >= 0 ? (r[header.indexOf(c)] ?? '').trim() : '');
    const messages: string[] = [];
    const title = get('titre');
    if (!title) messages.push('titre : obligatoire.');
    if (title.length > 200) messages.push('titre : 200 caractères au plus.');
    const engagement = get('engagement');
    if (!(ENGAGEMENTS as readonly string[]).includes(engagement)) {
      messages.push(`engagement : « ${engagement} » inconnu (valeurs : ${ENGAGEMENTS.join(', ')}).`);
    }
    const owner = find(get('porteur'));
    if (!owner) messages.push(`porteur : « ${get('porteur')} » n'est pas partie à la convention.`);
    const coOwnerIds: string[] = [];
    for (const name of get('coporteurs')
      .split('|')
      .filter((x) => x.trim())) {
      const id = find(name);
      if (id) coOwnerIds.push(id);
      else messages.push(`coporteurs : « ${name.trim()} » n'est pas partie à la convention.`);
    }
    const target = get('cible');
    const targetValue = target === '' ? null : Number(target.replace(',', '.'));
    if (targetValue !== null && !Number.isFinite(targetValue))
      messages.push('cible : un nombre est attendu.');
    const dueOn = get('echeance') || null;
    if (dueOn && !isIsoDate(dueOn)) messages.push('echeance : date AAAA-MM-JJ attendue.');
    const status = get('statut') || 'planned';
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) {
      messages.push(`statut : « ${status} » inconnu (valeurs : ${ACTION_STATUSES.join(', ')}).`);
    }
    const progressText = get('avancement') || '0';
    const progress = Number(progressText.replace('%', ''));
    if (!Number.isInteger(progress) || progress < 0 || progress > 100)
      messages.push('avancement : entier de 0 à 100.');
    const weightText = get('poids') || '1';
    const weight = Number(weightText);
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) messages.push('poids : entier de 0 à 100.');
    if (messages.length) {
      report.errors.push({ line, messages });
      return;
    }
    report.actions.push({
      line,
      action: {
        title,
        description: get('description'),
        engagement: engagement as ImportedAction['engagement'],
        ownerOrganisationId: owner!,
        coOwnerIds,
        indicator: get('indicateur'),
        targetValue,
        dueOn,
        status: status as ImportedAction['status'],
        progress,
        weight,
      },
    });
  });
  return report;
}

export function exportActions(actions: RoadmapAction[], partyName: (id: string) => string): string {
  return toCsv([
    [...CSV_COLUMNS],
    ...actions.map((a) => [
      a.title,
      a.description,
      a.engagement,
      partyName(a.ownerOrganisationId),
      a.coOwnerIds.map(partyName).join('|'),
      a.indicator,
      a.targetValue === null ? '' : String(a.targetValue),
      a.dueOn ?? '',
      a.status,
      String(a.progress),
      String(a.weight),
    ]),
  ]);
}
