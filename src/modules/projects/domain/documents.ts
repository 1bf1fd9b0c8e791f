/**
 * Which files may be attached to a project: documents and images only, 5 MB at most, and
 * the first bytes must match the type the extension claims. Executables, scripts, web
 * pages, SVG and macro-enabled Office files are refused whatever they are called.
 */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

type Magic = 'pdf' | 'png' | 'jpeg' | 'zip' | 'text';
const ALLOWED: Record<string, { type: string; magic: Magic }> = {
  pdf: { type: 'application/pdf', magic: 'pdf' },
  png: { type: 'image/png', magic: 'png' },
  jpg: { type: 'image/jpeg', magic: 'jpeg' },
  jpeg: { type: 'image/jpeg', magic: 'jpeg' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: 'zip' },
  odt: { type: 'application/vnd.oasis.opendocument.text', magic: 'zip' },
  ods: { type: 'application/vnd.oasis.opendocument.spreadsheet', magic: 'zip' },
  txt: { type: 'text/plain; charset=utf-8', magic: 'text' },
  csv: { type: 'text/csv; charset=utf-8', magic: 'text' },
};
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n = 512) => new TextDecoder('latin1').decode(b.subarray(0, n)).toLowerCase();

/** Content that is dangerous whatever its name: executables, scripts, HTML. */
function dangerous(b: Uint8Array): boolean {
  if (starts(b, [0x4d, 0x5a])) return true; // MZ: Windows executable
  if (starts(b, [0x7f, 0x45, 0x4c, 0x46])) return true; // ELF
  if (starts(b, [0xca, 0xfe, 0xba, 0xbe]) || starts(b, [0xcf, 0xfa, 0xed, 0xfe])) return true; // Mach-O / Java class
  if (starts(b, [0x23, 0x21])) return true; // #! script
  const head = ascii(b).trimStart();
  return /^(<!doctype html|<html|<script|<svg|<\?xml[^>]*>\s*<svg)/.test(head);
}

function magicOk(b: Uint8Array, m: Magic): boolean {
  switch (m) {
    case 'pdf':
      return starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case 'png':
      return starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return starts(b, [0xff, 0xd8, 0xff]);
    case 'zip':
      return starts(b, [0x50, 0x4b, 0x03, 0x04]);
    case 'text':
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return !b.includes(0);
      } catch {
        return false;
      }
  }
}

export type DocumentCheck = { ok: true; contentType: string } | { ok: false; message: string };

export function checkDocument(fileName: string, bytes: Uint8Array): DocumentCheck {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) return { ok: false, message: 'Document : le fichier est vide.' };
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, message: 'Document : le fichier dépasse 5 Mo.' };
  const allowed = ALLOWED[ext];
  if (!allowed)
    return {
      ok: false,
      message: `Document : ce type de fichier est refusé (.${ext || '?'}). Types acceptés : ${ALLOWED_EXTENSIONS.join(', ')}.`,
    };
  if (dangerous(bytes))
    return {
      ok: false,
      message: 'Document : ce fichier contient un programme ou une page web ; il est refusé.',
    };
  if (!magicOk(bytes, allowed.magic))
    return { ok: false, message: `Document : le contenu ne correspond pas à un fichier .${ext}.` };
  return { ok: true, contentType: allowed.type };
}

/** A file name safe to send back in Content-Disposition. */
export const safeFileName = (name: string) =>
  [...name.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 32 ? '\n' : ch))
    .join('')
    .replace(/[\\/:*?"<>|\n]+/g, '_')
    .slice(-200) || 'document';
