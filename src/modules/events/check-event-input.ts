import { sql } from '../../db/sql.js';
import { AppError, type FieldErrors } from '../../http/errors.js';
import type { OpContext } from './op-context.js';

export interface EventData {
  title: string;
  kind: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string | null;
  videoUrl: string | null;
  audience: string;
  region: string | null;
  capacity: number | null;
  themes: string[];
  speakers: string[];
  roadmapActionId: string | null;
  hostNetwork: string | null;
  presentingNetwork: string | null;
}

/** The rules an event's data must meet, checked before writing (422 naming each field). */
export async function checkEventData(op: OpContext, d: EventData): Promise<void> {
  const errors: FieldErrors = {};
  if (d.endsAt <= d.startsAt) errors.endsAt = 'La fin doit venir après le début.';
  if (!d.place && !d.videoUrl) errors.place = 'Indiquez un lieu, un lien de visioconférence, ou les deux.';
  if (d.audience === 'region' && !d.region) errors.region = 'Choisissez la région du public visé.';
  if (d.audience === 'region' && d.region) {
    const known = await op.tx.maybeOne(sql`SELECT 1 AS x FROM regions WHERE code = ${d.region}`);
    if (!known) errors.region = `Région inconnue : ${d.region}.`;
  }
  if (d.kind === 'presentation_croisee') {
    // Art. 3 : one party presents its activities at an event of the other.
    if (!d.hostNetwork) errors.hostNetwork = 'Indiquez le réseau qui organise l’événement (UNML ou CUF).';
    if (!d.presentingNetwork) errors.presentingNetwork = 'Indiquez le réseau qui présente ses activités.';
    if (d.hostNetwork && d.hostNetwork === d.presentingNetwork)
      errors.presentingNetwork = 'Art. 3 : une présentation croisée se fait à l’événement de l’autre réseau.';
  }
  if (d.themes.length) {
    const known = await op.tx.many<{ code: string }>(
      sql`SELECT code FROM themes WHERE code = ANY(${d.themes}::text[])`,
    );
    const unknown = d.themes.filter((t) => !known.some((k) => k.code === t));
    if (unknown.length) errors.themes = `Thème inconnu : ${unknown.join(', ')}.`;
  }
  if (d.roadmapActionId) {
    const a = await op.tx.maybeOne(sql`SELECT 1 AS x FROM roadmap_actions WHERE id = ${d.roadmapActionId}`);
    if (!a) errors.roadmapActionId = 'Cette action de feuille de route n’existe pas.';
  }
  if (Object.keys(errors).length) throw new AppError('validation', undefined, errors);
}

/** Columns derived from the data (audience region, cross presentation). */
export function columnsOf(d: EventData) {
  const cross = d.kind === 'presentation_croisee';
  return {
    region: d.audience === 'region' ? d.region : null,
    host: cross ? d.hostNetwork : null,
    presenting: cross ? d.presentingNetwork : null,
  };
}
