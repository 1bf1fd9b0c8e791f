/** Text of a PDF, page by page, read with Mozilla's pdf.js (tests only). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** The lines of text of every page, in reading order (items on the same baseline joined). */
export async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const lines: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    let current = '';
    let y: number | null = null;
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const itemY = Math.round(item.transform[5]);
      if (y !== null && itemY !== y) {
        lines.push(current);
        current = '';
      }
      current += item.str;
      y = itemY;
      if (item.hasEOL) {
        lines.push(current);
        current = '';
        y = null;
      }
    }
    if (current) lines.push(current);
  }
  await pdf.destroy();
  return lines.map((l) => l.trim()).filter(Boolean);
}
