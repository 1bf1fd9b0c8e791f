/** PDF export of an agreement: parties, dates, versions with their hashes, signature record, text. */
import PDFDocument from 'pdfkit';
import { formatDate, type Locale, type Translate } from '../../i18n/i18n.js';
import type { Snapshot } from './domain/lifecycle.js';
import { type Block, markdownBlocks, type Run } from './markdown.js';
import type { LoadedAgreement } from './store.js';

export function agreementPdf(
  loaded: LoadedAgreement,
  s: Snapshot,
  on: string,
  text: string | null,
  t: Translate,
  locale: Locale,
  generatedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: loaded.agreement.title, Creator: 'Passerelle', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const d = (x: string | null | undefined) => (x ? formatDate(x, locale) : '—');
  const name = (id: string) => loaded.parties.find((p) => p.organisation_id === id)?.name ?? id;
  const h2 = (s: string) =>
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(s)
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(10);

  doc.font('Helvetica-Bold').fontSize(18).text(loaded.agreement.title);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(
    `${t(`agreements.kind.${loaded.agreement.kind}`)} — ${t(`agreements.state.${s.state}`)} (${t('agreements.print.on', { date: d(on) })})`,
  );

  h2(t('agreements.detail.parties'));
  for (const p of loaded.parties) doc.text(`• ${p.name}`);

  h2(t('agreements.detail.summary'));
  doc.text(`${t('agreements.field.in_force_from')} : ${d(s.inForceFrom)}`);
  doc.text(`${t('agreements.field.last_day')} : ${d(s.lastDayInForce)}`);
  doc.text(
    `${t('agreements.field.term_years')} : ${t('agreements.detail.years', { n: loaded.agreement.term_years })}`,
  );
  doc.text(`${t('agreements.field.binding_version')} : ${s.bindingVersion ?? '—'}`);
  if (s.withdrawal) {
    doc.text(
      `${t('agreements.field.withdrawal')} : ${t('agreements.detail.withdrawal_text', {
        party: name(s.withdrawal.organisationId),
        notified: d(s.withdrawal.notifiedOn),
        until: d(s.withdrawal.effectiveOn),
      })}`,
    );
  }
  if (s.termination)
    doc.text(
      `${t('agreements.field.termination')} : ${d(s.termination.on)} ${s.termination.legalGround ?? ''}`,
    );

  h2(t('agreements.detail.versions'));
  for (const v of loaded.versions) {
    doc.text(`${t('agreements.detail.version_n', { n: v.number })} — ${d(v.proposed_on)}`);
    doc.font('Courier').fontSize(8).text(`SHA-256 ${v.hash}`).font('Helvetica').fontSize(10);
  }

  h2(t('agreements.print.signatures'));
  if (loaded.approvals.length === 0) doc.text('—');
  for (const a of loaded.approvals) {
    doc.text(
      `${t('agreements.detail.version_n', { n: a.number })} — ${name(a.organisation_id)} — ${a.signer_name} (${a.signer_role}) — ${d(a.signed_on)} — ${t(`agreements.method.${a.method}`)}${a.recorded_by_platform_admin ? ` (${t('agreements.detail.recorded_by_admin')})` : ''}`,
    );
  }

  if (text) {
    h2(t('agreements.print.text'));
    renderBlocks(doc, markdownBlocks(text.replace(/\t/g, '  ')));
  }
  doc.end();
  return done;
}

const HEADING_SIZE = [0, 14, 12.5, 11.5, 11, 10.5, 10];

function fontOf(r: Run): string {
  if (r.code) return 'Courier';
  if (r.bold && r.italic) return 'Helvetica-BoldOblique';
  if (r.bold) return 'Helvetica-Bold';
  if (r.italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

/** Writes styled runs as one flowing paragraph (pdfkit's `continued` text). */
function writeRuns(
  doc: PDFKit.PDFDocument,
  runs: Run[],
  opts: { size: number; indent?: number; bold?: boolean },
) {
  const parts = runs.length ? runs : [{ text: '' }];
  parts.forEach((r, i) => {
    const last = i === parts.length - 1;
    doc
      .font(fontOf(opts.bold ? { ...r, bold: true } : r))
      .fontSize(opts.size)
      .text(r.text, {
        continued: !last,
        underline: !!r.href,
        strike: !!r.strike,
        ...(i === 0 && opts.indent ? { indent: opts.indent } : {}),
      });
  });
  doc.font('Helvetica').fontSize(10);
}

/** The Markdown text as a document: headings, paragraphs, lists, quotes, code and rules (ADR 0021). */
export function renderBlocks(doc: PDFKit.PDFDocument, blocks: Block[]) {
  const left = doc.page.margins.left;
  for (const b of blocks) {
    doc.x = left;
    switch (b.kind) {
      case 'heading':
        doc.moveDown(0.6);
        writeRuns(doc, b.runs, { size: HEADING_SIZE[Math.min(6, b.level)], bold: true });
        doc.moveDown(0.2);
        break;
      case 'paragraph':
        doc.x = left + b.quote * 14;
        writeRuns(doc, b.runs, { size: 10 });
        doc.moveDown(0.4);
        break;
      case 'item': {
        const indent = 14 * b.depth;
        doc.x = left + indent;
        writeRuns(doc, b.marker ? [{ text: `${b.marker} ` }, ...b.runs] : b.runs, { size: 10 });
        doc.moveDown(0.15);
        break;
      }
      case 'code':
        doc.font('Courier').fontSize(9).text(b.text).font('Helvetica').fontSize(10);
        doc.moveDown(0.4);
        break;
      case 'rule': {
        const y = doc.y + 4;
        doc
          .moveTo(left, y)
          .lineTo(doc.page.width - doc.page.margins.right, y)
          .lineWidth(0.5)
          .strokeColor('#888888')
          .stroke()
          .strokeColor('#000000');
        doc.moveDown(0.8);
        break;
      }
    }
  }
  doc.x = left;
}
