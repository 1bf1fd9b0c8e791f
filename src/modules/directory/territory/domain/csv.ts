/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a separator
 * guessed from the header line (comma or semicolon, as French spreadsheets write it).
 * Returns each record with the line number it starts on.
 */
export function parseCsv(text: string): { header: string[]; records: { line: number; values: string[] }[] } {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: { line: number; values: string[] }[] = [];
  let field = '';
  let values: string[] = [];
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      values.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      values.push(field);
      rows.push({ line: start, values });
      field = '';
      values = [];
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || values.length) {
    values.push(field);
    rows.push({ line: start, values });
  }
  const nonEmpty = rows.filter((r) => r.values.some((v) => v.trim() !== ''));
  const [head, ...records] = nonEmpty;
  return { header: (head?.values ?? []).map((h) => h.trim()), records };
}
