/**
 * The dashboard's numbers as CSV and Excel (issue 12): exactly the figures shown, after
 * small-cell suppression (a suppressed cell is written « < 5 », never the number).
 */
import ExcelJS from 'exceljs';
import { toCsv } from '../../lib/csv.js';
import type { Dashboard } from './compute-indicators.js';
import type { Figure } from './domain/indicators.js';
import { SUPPRESSED } from './format.js';

const HEADER = [
  'section',
  'indicateur',
  'libelle',
  'unite',
  'valeur',
  'annee_convention',
  'au',
  'perimetre',
  'provenance',
];

const cell = (f: Figure): number | string => (f.suppressed ? SUPPRESSED : (f.value ?? ''));

/** Rows of the export: the indicators, their parts, then the régions. */
export function dashboardRows(d: Dashboard): (string | number)[][] {
  const scope = d.scope.departement
    ? `département ${d.scope.departement}`
    : d.scope.region
      ? `région ${d.scope.region}`
      : 'France';
  const prov = `calculé le ${d.computedAt}`;
  const rows: (string | number)[][] = [];
  const push = (section: string, key: string, label: string, unit: string, f: Figure) =>
    rows.push([section, key, label, unit, cell(f), d.period.year, d.on, scope, prov]);
  for (const i of d.indicators) {
    push(i.group, i.key, i.label, i.unit, i.figure);
    for (const p of i.parts ?? [])
      push(i.group, `${i.key}.${p.key}`, `${i.label} : ${p.label}`, i.unit, p.figure);
  }
  for (const r of d.byRegion) {
    push(
      'region',
      `connections_requested.${r.code}`,
      `Demandes de mise en relation : ${r.name}`,
      'count',
      r.connections,
    );
    push('region', `projects.${r.code}`, `Projets communs : ${r.name}`, 'count', r.projects);
    push('region', `young_people.${r.code}`, `Jeunes participants : ${r.name}`, 'people', r.youngPeople);
  }
  return rows;
}

export const dashboardCsv = (d: Dashboard) => toCsv(HEADER, dashboardRows(d));

export async function dashboardWorkbook(d: Dashboard): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Passerelle';
  const ws = wb.addWorksheet('Indicateurs');
  ws.addRow(HEADER);
  ws.getRow(1).font = { bold: true };
  for (const r of dashboardRows(d)) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = [12, 34, 50, 10, 12, 10, 12, 16, 34][i];
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) as Uint8Array<ArrayBuffer>;
}
