import ExcelJS from 'exceljs';
import type { Queryable } from '../../db/client.js';
import { sql } from '../../db/sql.js';
import type { Translate } from '../../i18n/i18n.js';
import { countryName } from '../directory/domain/countries.js';

/**
 * Every project as an Excel workbook for network admins: one sheet of projects (with budget,
 * funding obtained, co-funding and participant totals) and one of funding lines. Cells are
 * written as values (strings are never read as formulas).
 */
export async function projectsWorkbook(db: Queryable, t: Translate): Promise<Uint8Array> {
  const rows =
    await db.many<any>(sql`SELECT p.id, p.title, p.kind, p.status, p.starts_on, p.ends_on, p.publication,
      coalesce((SELECT array_agg(coalesce(o.name, pp.foreign_name) ORDER BY 1) FROM project_partners pp
        LEFT JOIN organisations o ON o.id = pp.organisation_id WHERE pp.project_id = p.id), '{}') AS partners,
      coalesce((SELECT array_agg(country ORDER BY country) FROM project_countries WHERE project_id = p.id), '{}') AS countries,
      coalesce((SELECT sum(amount) FROM project_budget_lines WHERE project_id = p.id), 0)::float8 AS budget,
      coalesce((SELECT sum(obtained) FROM project_funding_lines WHERE project_id = p.id AND status = 'obtained'), 0)::float8 AS obtained,
      coalesce((SELECT sum(count) FROM project_participants WHERE project_id = p.id AND audience = 'young' AND dimension = 'age'), 0)::int AS young,
      coalesce((SELECT sum(count) FROM project_participants WHERE project_id = p.id AND audience = 'staff' AND dimension = 'age'), 0)::int AS staff
    FROM projects p ORDER BY p.title`);
  const lines =
    await db.many<any>(sql`SELECT p.title, f.source, f.requested::float8 AS requested, f.obtained::float8 AS obtained, f.status
    FROM project_funding_lines f JOIN projects p ON p.id = f.project_id ORDER BY p.title, f.source`);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Passerelle';
  const ws = wb.addWorksheet('Projets');
  ws.columns = [
    { header: 'Identifiant', key: 'id', width: 38 },
    { header: 'Titre', key: 'title', width: 40 },
    { header: 'Type', key: 'kind', width: 30 },
    { header: 'Statut', key: 'status', width: 16 },
    { header: 'Partenaires', key: 'partners', width: 50 },
    { header: 'Pays', key: 'countries', width: 24 },
    { header: 'Début', key: 'starts', width: 12 },
    { header: 'Fin', key: 'ends', width: 12 },
    { header: 'Budget (€)', key: 'budget', width: 14 },
    { header: 'Obtenu (€)', key: 'obtained', width: 14 },
    { header: 'Budget couvert (%)', key: 'covered', width: 14 },
    { header: 'Jeunes', key: 'young', width: 10 },
    { header: 'Professionnels', key: 'staff', width: 14 },
    { header: 'Vitrine', key: 'publication', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow({
      id: r.id,
      title: r.title,
      kind: t(`projects.kind.${r.kind}`),
      status: t(`projects.status.${r.status}`),
      partners: r.partners.join(', '),
      countries: r.countries.map((c: string) => countryName(c)).join(', '),
      starts: r.starts_on ?? '',
      ends: r.ends_on ?? '',
      budget: r.budget,
      obtained: r.obtained,
      covered: r.budget > 0 ? Math.round((r.obtained / r.budget) * 1000) / 10 : null,
      young: r.young,
      staff: r.staff,
      publication: t(`projects.publication.${r.publication}`),
    });
  const fs = wb.addWorksheet('Financements');
  fs.columns = [
    { header: 'Projet', key: 'title', width: 40 },
    { header: 'Financeur', key: 'source', width: 40 },
    { header: 'Demandé (€)', key: 'requested', width: 14 },
    { header: 'Obtenu (€)', key: 'obtained', width: 14 },
    { header: 'Statut', key: 'status', width: 12 },
  ];
  fs.getRow(1).font = { bold: true };
  for (const l of lines) fs.addRow({ ...l, status: t(`projects.funding.${l.status}`) });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
