import { parseCsv } from './csv.js';

/**
 * Reading Missions Locales from their three sources. Pure: no I/O. The seat and the
 * communes are resolved against the COG afterwards (import-missions-locales.ts).
 */
export type MlFormat = 'imilo' | 'annuaire' | 'csv';
export const ML_FORMATS: MlFormat[] = ['imilo', 'annuaire', 'csv'];

export interface InputFile {
  name: string;
  content: string;
}

/** One Mission Locale read from a source, before its codes are resolved. */
export interface MlCandidate {
  file: string;
  /** "ligne 12" (CSV) or "enregistrement 12" (JSON). */
  where: string;
  /** I-Milo structure id (seat INSEE + S00) when the source has one. */
  imiloId: string | null;
  /** The record's id in the Annuaire de l'administration, when read from it. */
  annuaireId: string | null;
  name: string;
  siret: string | null;
  seatCode: string;
  email: string | null;
  website: string | null;
  address: string | null;
  /** Communes served, as given by the source (codes to resolve); null when unknown. */
  communes: string[] | null;
}

export interface Rejected {
  file: string;
  where: string;
  reason: string;
}

export interface Parsed {
  candidates: MlCandidate[];
  rejected: Rejected[];
}

export const IMILO_ID_RE = /^((?:[0-9]{2}|2A|2B)[0-9]{3})S00$/;
const INSEE_RE = /^(?:[0-9]{2}|2A|2B)[0-9]{3}$/;

/** Structures of the I-Milo list that are not Missions Locales (technical or temporary rows). */
export function notAMissionLocale(name: string, departement: string | null | undefined): string | null {
  if (/temporaire|fusion/i.test(name)) return 'structure temporaire (fusion), pas une Mission Locale';
  if (/^ML_[A-Z_]+$/.test(name.trim())) return 'structure technique, pas une Mission Locale';
  if (/\b(test|essai|formation)\b/i.test(name)) return 'structure de test, pas une Mission Locale';
  if (!departement) return 'structure sans département, pas une Mission Locale';
  return null;
}

const SMALL_WORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'et',
  'en',
  'sur',
  'sous',
  'au',
  'aux',
  'à',
  'l',
  'd',
]);

/** "13-ML BERRE L ETANG" → "Mission Locale Berre l'Etang"; keeps names already written with care. */
export function tidyName(raw: string): string {
  let s = raw.trim().replace(/\s+/g, ' ');
  s = s.replace(/^(?:[0-9]{2,3}|2A|2B)\s*-\s*/, ''); // department prefix of I-Milo names
  s = s.replace(/^ML\b\.?\s*/i, 'Mission Locale ');
  s = s.replace(/^MLI\b\.?\s*/, 'Mission Locale ');
  const rest = s.replace(/^Mission Locale /, '');
  if (!/[a-zà-ÿ]/.test(rest) || !/[A-ZÀ-Ý]/.test(rest)) {
    // All capitals (or all lower case): write it as a name.
    s = s
      .toLowerCase()
      .split(' ')
      .map((w, i) => {
        if (i > 0 && SMALL_WORDS.has(w)) return w;
        return w.replace(/(^|[-'’])([a-zà-ÿ])/g, (_m, p: string, c: string) => p + c.toUpperCase());
      })
      .join(' ')
      .replace(/\b([lLdD]) ([AEIOUYÉÈÀ])/g, (_m, l: string, v: string) => `${l.toLowerCase()}'${v}`);
    s = s.replace(/^Mission locale\b/, 'Mission Locale');
  }
  return s.trim();
}

/** SIRET: 14 digits with a valid Luhn key (La Poste's establishments use another rule). */
export function isValidSiret(siret: string): boolean {
  if (!/^[0-9]{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    return [...siret].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(siret[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Nested values of the Annuaire often arrive as JSON text: parse them when they do. */
export function maybeJson<T = unknown>(v: unknown): T | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[') || s.startsWith('{')) {
      try {
        return JSON.parse(s) as T;
      } catch {
        return null;
      }
    }
    return v as T;
  }
  return v as T;
}

function readJson(file: InputFile): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(file.content.replace(/^\uFEFF/, '')) };
  } catch (e) {
    // JSON Lines (one record per line), as some exports write them.
    const lines = file.content.split(/\r?\n/).filter((l) => l.trim());
    try {
      return { ok: true, value: lines.map((l) => JSON.parse(l)) };
    } catch {
      return { ok: false, reason: `JSON illisible : ${(e as Error).message}` };
    }
  }
}

const isJsonFile = (f: InputFile) => /^\s*[[{]/.test(f.content.replace(/^\uFEFF/, ''));

/** Records of a JSON document: an array, or the `results` / `records` of an API page. */
function recordsOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['results', 'records', 'data', 'service'])
      if (Array.isArray(o[k])) return o[k] as unknown[];
  }
  return null;
}

const str = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' || s === 'null' ? null : s;
};

/** 1. The I-Milo structures list (JSON of the CEJ referential, or its CSV). */
export function parseImilo(files: InputFile[]): Parsed {
  const out: Parsed = { candidates: [], rejected: [] };
  for (const file of files) {
    let rows: { where: string; get: (k: string) => string | null }[] = [];
    if (isJsonFile(file)) {
      const json = readJson(file);
      if (!json.ok) {
        out.rejected.push({ file: file.name, where: 'fichier', reason: json.reason });
        continue;
      }
      const records = recordsOf(json.value);
      if (!records) {
        out.rejected.push({
          file: file.name,
          where: 'fichier',
          reason: 'le JSON n’est pas une liste de structures',
        });
        continue;
      }
      rows = records.map((r, i) => ({
        where: `enregistrement ${i + 1}`,
        get: (k: string) => (r && typeof r === 'object' ? str((r as Record<string, unknown>)[k]) : null),
      }));
    } else {
      const csv = parseCsv(file.content);
      const idx = (k: string) => csv.header.indexOf(k);
      if (idx('imilo_structure_id') < 0 && idx('id') < 0) {
        out.rejected.push({
          file: file.name,
          where: 'ligne 1',
          reason: 'colonne « id » ou « imilo_structure_id » absente',
        });
        continue;
      }
      rows = csv.records.map((r) => ({
        where: `ligne ${r.line}`,
        get: (k: string) => {
          const key = k === 'id' && idx('id') < 0 ? 'imilo_structure_id' : k;
          const i = idx(key);
          return i < 0 ? null : str(r.values[i]);
        },
      }));
    }
    const seen = new Set<string>();
    for (const row of rows) {
      const reject = (reason: string) => out.rejected.push({ file: file.name, where: row.where, reason });
      const id = (row.get('id') ?? '').toUpperCase();
      const official = row.get('nom_officiel') ?? '';
      const usual = row.get('nom_usuel');
      const m = IMILO_ID_RE.exec(id);
      if (!m) {
        reject(`identifiant I-Milo « ${id} » mal formé (attendu : code INSEE du siège + S00)`);
        continue;
      }
      if (!official && !usual) {
        reject('nom absent');
        continue;
      }
      const notMl = notAMissionLocale(official || usual || '', row.get('code_departement'));
      if (notMl) {
        reject(`${id} : ${notMl}`);
        continue;
      }
      if (seen.has(id)) {
        reject(`${id} : identifiant en double dans le fichier`);
        continue;
      }
      seen.add(id);
      const name = tidyName(usual && !/^[0-9]{2,3}-/.test(usual) ? usual : official || usual!);
      out.candidates.push({
        file: file.name,
        where: row.where,
        imiloId: id,
        annuaireId: null,
        name,
        siret: null,
        seatCode: m[1],
        email: null,
        website: null,
        address: null,
        communes: null,
      });
    }
  }
  return out;
}

function formatAddress(a: unknown): string | null {
  const list = maybeJson<unknown>(a);
  const arr = Array.isArray(list) ? list : list ? [list] : [];
  const postal =
    arr.find((x: any) => x && typeof x === 'object' && /physique/i.test(String(x.type_adresse ?? ''))) ??
    arr[0];
  if (!postal || typeof postal !== 'object') return typeof list === 'string' ? list : null;
  const p = postal as Record<string, unknown>;
  const street = [str(p.complement1), str(p.numero_voie), str(p.service_distribution)]
    .filter(Boolean)
    .join(', ');
  const town = [str(p.code_postal), str(p.nom_commune)].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ') || null;
}

/**
 * 2. The Annuaire de l'administration: its JSON export of local services (records of type
 * mission_locale), and its companion dataset of geographic competence (one row per commune:
 * code_insee_commune → id_service_local, a JSON array of record ids), which gives the
 * communes each Mission Locale serves. Files are told apart by their fields.
 */
export function parseAnnuaire(files: InputFile[]): Parsed {
  const out: Parsed = { candidates: [], rejected: [] };
  const services: { file: string; where: string; r: Record<string, unknown> }[] = [];
  const served = new Map<string, Set<string>>();
  let competenceSeen = false;
  for (const file of files) {
    const json = isJsonFile(file) ? readJson(file) : null;
    let records: { where: string; r: Record<string, unknown> }[];
    if (json) {
      if (!json.ok) {
        out.rejected.push({ file: file.name, where: 'fichier', reason: json.reason });
        continue;
      }
      const list = recordsOf(json.value);
      if (!list) {
        out.rejected.push({
          file: file.name,
          where: 'fichier',
          reason: 'le JSON n’est pas une liste d’enregistrements',
        });
        continue;
      }
      records = list.map((r, i) => ({
        where: `enregistrement ${i + 1}`,
        r: (r ?? {}) as Record<string, unknown>,
      }));
    } else {
      const csv = parseCsv(file.content);
      records = csv.records.map((rec) => ({
        where: `ligne ${rec.line}`,
        r: Object.fromEntries(csv.header.map((h, i) => [h, rec.values[i]])),
      }));
    }
    const isCompetence = records.some((x) => 'id_service_local' in x.r);
    if (isCompetence) {
      competenceSeen = true;
      for (const { where, r } of records) {
        const type = str(r.code_type_service_local);
        if (type && type !== 'mission_locale') continue; // other services: not ours
        const commune = (str(r.code_insee_commune) ?? '').toUpperCase();
        const ids = maybeJson<unknown>(r.id_service_local);
        const list = Array.isArray(ids) ? ids.map(String) : ids ? String(ids).split(/[,;\s]+/) : [];
        if (!INSEE_RE.test(commune)) {
          out.rejected.push({ file: file.name, where, reason: `code commune « ${commune} » mal formé` });
          continue;
        }
        for (const id of list.filter(Boolean)) {
          if (!served.has(id)) served.set(id, new Set());
          served.get(id)!.add(commune);
        }
      }
    } else {
      for (const x of records) services.push({ file: file.name, ...x });
    }
  }
  for (const { file, where, r } of services) {
    const reject = (reason: string) => out.rejected.push({ file, where, reason });
    const id = str(r.id);
    const pivot = maybeJson<unknown>(r.pivot);
    const pivots = (Array.isArray(pivot) ? pivot : pivot ? [pivot] : []) as Record<string, unknown>[];
    const types = pivots.map((p) => str(p?.type_service_local)).filter(Boolean) as string[];
    if (!types.includes('mission_locale')) {
      reject(`${id ?? '?'} : service de type ${types.join(', ') || 'inconnu'}, pas une Mission Locale`);
      continue;
    }
    const name = str(r.nom);
    if (!id || !name) {
      reject('identifiant ou nom absent');
      continue;
    }
    const mlPivot = pivots.find((p) => str(p?.type_service_local) === 'mission_locale');
    const pivotCommunes = maybeJson<unknown>(mlPivot?.code_insee_commune);
    const seat = (
      str(r.code_insee_commune) ??
      (Array.isArray(pivotCommunes) ? str(pivotCommunes[0]) : str(pivotCommunes)) ??
      ''
    ).toUpperCase();
    const siret = str(r.siret);
    const email = str(r.adresse_courriel);
    const site = maybeJson<unknown>(r.site_internet);
    const siteList = (Array.isArray(site) ? site : site ? [site] : []) as unknown[];
    const website = siteList
      .map((s) => (typeof s === 'string' ? s : str((s as Record<string, unknown>)?.valeur)))
      .find(Boolean) as string | undefined;
    const communes = served.get(id);
    out.candidates.push({
      file,
      where,
      imiloId: null,
      annuaireId: id,
      name: tidyName(name),
      siret,
      seatCode: seat,
      email: email ? (email.split(/[;,\s]+/)[0] ?? null) : null,
      website: website ?? null,
      address: formatAddress(r.adresse),
      communes: communes ? [...communes].sort() : competenceSeen ? null : null,
    });
  }
  return out;
}

/** Columns of Passerelle's own CSV template (docs/import-missions-locales.md). */
export const CSV_TEMPLATE_COLUMNS = [
  'identifiant',
  'nom',
  'siret',
  'code_insee_siege',
  'adresse',
  'courriel',
  'communes_desservies',
] as const;

/** 3. Passerelle's CSV template. */
export function parseTemplateCsv(files: InputFile[]): Parsed {
  const out: Parsed = { candidates: [], rejected: [] };
  for (const file of files) {
    const csv = parseCsv(file.content);
    const missing = ['nom', 'code_insee_siege'].filter((c) => !csv.header.includes(c));
    if (missing.length) {
      out.rejected.push({
        file: file.name,
        where: 'ligne 1',
        reason: `colonne(s) obligatoire(s) absente(s) : ${missing.join(', ')} (modèle : ${CSV_TEMPLATE_COLUMNS.join(', ')})`,
      });
      continue;
    }
    const unknown = csv.header.filter((h) => h && !(CSV_TEMPLATE_COLUMNS as readonly string[]).includes(h));
    if (unknown.length) {
      out.rejected.push({
        file: file.name,
        where: 'ligne 1',
        reason: `colonne(s) inconnue(s) : ${unknown.join(', ')}`,
      });
      continue;
    }
    const seen = new Set<string>();
    for (const rec of csv.records) {
      const where = `ligne ${rec.line}`;
      const get = (k: string) => {
        const i = csv.header.indexOf(k);
        return i < 0 ? null : str(rec.values[i]);
      };
      const problems: string[] = [];
      const name = get('nom');
      const seat = (get('code_insee_siege') ?? '').toUpperCase();
      const id = (get('identifiant') ?? '').toUpperCase() || null;
      const siret = get('siret')?.replace(/\s/g, '') ?? null;
      const email = get('courriel')?.toLowerCase() ?? null;
      const communesRaw = get('communes_desservies');
      if (rec.values.length !== csv.header.length)
        problems.push(`${rec.values.length} valeurs pour ${csv.header.length} colonnes`);
      if (!name) problems.push('nom absent');
      if (!INSEE_RE.test(seat)) problems.push(`code_insee_siege « ${seat} » mal formé`);
      if (id && !IMILO_ID_RE.test(id)) problems.push(`identifiant « ${id} » mal formé (code INSEE + S00)`);
      if (siret && !isValidSiret(siret)) problems.push(`SIRET « ${siret} » invalide`);
      if (email && !EMAIL_RE.test(email)) problems.push(`courriel « ${email} » invalide`);
      const communes = communesRaw
        ? communesRaw
            .split(/[\s;,|]+/)
            .filter(Boolean)
            .map((c) => c.toUpperCase())
        : null;
      const badCommunes = (communes ?? []).filter((c) => !INSEE_RE.test(c));
      if (badCommunes.length)
        problems.push(`communes_desservies : code(s) mal formé(s) ${badCommunes.join(', ')}`);
      const key = id ?? `${seat}S00`;
      if (!problems.length && seen.has(key)) problems.push(`identifiant ${key} en double dans le fichier`);
      if (problems.length) {
        out.rejected.push({ file: file.name, where, reason: problems.join(' ; ') });
        continue;
      }
      seen.add(key);
      out.candidates.push({
        file: file.name,
        where,
        imiloId: id,
        annuaireId: null,
        name: name!,
        siret,
        seatCode: seat,
        email,
        website: null,
        address: get('adresse'),
        communes,
      });
    }
  }
  return out;
}

export function parseMissionsLocales(format: MlFormat, files: InputFile[]): Parsed {
  switch (format) {
    case 'imilo':
      return parseImilo(files);
    case 'annuaire':
      return parseAnnuaire(files);
    case 'csv':
      return parseTemplateCsv(files);
  }
}
