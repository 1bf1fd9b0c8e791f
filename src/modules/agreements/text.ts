/** The text of a version: Markdown written on the platform or an uploaded PDF, hashed (SHA-256). */

import { AppError } from '../../http/errors.js';
import { sha256 } from '../../lib/crypto.js';

export const MAX_MARKDOWN_CHARS = 200_000;
export const MAX_PDF_BYTES = 5 * 1024 * 1024;

export type VersionBody =
  | { format: 'markdown'; text: string }
  | { format: 'pdf'; bytes: Uint8Array; fileName: string };

/** Line endings are normalised so the same text typed on any system has the same hash. */
export const normaliseMarkdown = (s: string) => s.replace(/\r\n?/g, '\n');

export function hashBody(body: VersionBody): string {
  return body.format === 'markdown' ? sha256(normaliseMarkdown(body.text)) : sha256(Buffer.from(body.bytes));
}

/** Checks size and type; throws a 422 naming the field. */
export function checkBody(body: VersionBody, field = 'text'): VersionBody {
  if (body.format === 'markdown') {
    const text = normaliseMarkdown(body.text);
    if (text.trim().length === 0)
      throw new AppError('validation', undefined, { [field]: 'Indiquez le texte de la convention.' });
    if (text.length > MAX_MARKDOWN_CHARS) {
      throw new AppError('validation', undefined, {
        [field]: `Le texte dépasse ${MAX_MARKDOWN_CHARS} caractères.`,
      });
    }
    return { format: 'markdown', text };
  }
  if (body.bytes.byteLength === 0)
    throw new AppError('validation', undefined, { file: 'Le fichier est vide.' });
  if (body.bytes.byteLength > MAX_PDF_BYTES) {
    throw new AppError('validation', undefined, { file: 'Le fichier dépasse 5 Mo.' });
  }
  const head = Buffer.from(body.bytes.slice(0, 5)).toString('latin1');
  if (head !== '%PDF-') throw new AppError('validation', undefined, { file: 'Le fichier doit être un PDF.' });
  const fileName = body.fileName.replace(/[^\w .()-]/g, '_').slice(0, 120) || 'convention.pdf';
  return { format: 'pdf', bytes: body.bytes, fileName };
}
