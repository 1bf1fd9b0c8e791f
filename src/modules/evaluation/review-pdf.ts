/**
 * The annual review as a PDF (issue 12): real text, tagged structure (headings, paragraphs)
 * with pdfkit's `tagged` mode, the document language, and page numbers.
 */
import PDFDocument from 'pdfkit';
import { formatDate } from '../../i18n/i18n.js';
import { ROADMAP_STATUS_LABELS } from './domain/review.js';
import type { LoadedReview } from './review-store.js';

export function reviewPdf(r: LoadedReview, generatedAt: Date): Promise<Buffer> {
  const c = r.content;
  const title = `Bilan de l’année ${c.year} — ${c.agreement.title}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Creator: 'Passerelle', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const tag = (type: 'H1' | 'H2' | 'P', draw: () => void) => {
    const el = doc.struct(type, {}, draw);
    doc.addStructure(el);
    el.end();
  };
  const h = (level: 'H1' | 'H2', text: string) =>
    tag(level, () => {
      doc
        .moveDown(level === 'H1' ? 0 : 0.8)
        .font('Helvetica-Bold')
        .fontSize(level === 'H1' ? 18 : 13)
        .fillColor('#1d3b5c')
        .text(text);
      doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#1f2933');
    });
  const p = (text: string) => tag('P', () => doc.text(text));

  h('H1', title);
  p(
    `Passerelle — partenariat UNML × Cités Unies France. Période du ${formatDate(c.period.from)} au ${formatDate(c.period.to)}.`,
  );
  p(
    r.frozen
      ? `Approuvé par toutes les parties le ${formatDate(r.frozenOn)}. Empreinte SHA-256 : ${r.hash}`
      : `Projet de bilan, non approuvé. Empreinte SHA-256 : ${r.hash}`,
  );
  h('H2', 'Parties');
  for (const x of c.parties) p(`• ${x.name}`);
  h('H2', 'Feuille de route');
  if (c.roadmap.length === 0) p('Aucune action enregistrée pour cette année.');
  for (const a of c.roadmap)
    p(
      `• ${a.title} — ${ROADMAP_STATUS_LABELS[a.status] ?? a.status}, ${a.progress} %${a.indicator ? ` (indicateur : ${a.indicator})` : ''}`,
    );
  if (c.indicators.length) {
    h('H2', 'Indicateurs');
    for (const i of c.indicators) p(`${i.label} : ${i.value}`);
  }
  for (const x of c.parties) {
    h('H2', `Faits marquants — ${x.name}`);
    p(c.sections[x.id] || 'Partie non rédigée.');
  }
  h('H2', 'Approbations');
  if (r.approvals.length === 0) p('Aucune approbation.');
  for (const a of r.approvals) {
    const name = c.parties.find((x) => x.id === a.organisationId)?.name ?? a.organisationId;
    p(`${name} — ${a.approvedByLabel}, le ${formatDate(a.approvedOn)} (empreinte ${a.hash.slice(0, 12)}…)`);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#52606d');
    doc.text(`Page ${i + 1} sur ${range.count}`, 56, doc.page.height - 40, {
      width: doc.page.width - 112,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
