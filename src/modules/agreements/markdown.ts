/**
 * The text of a convention is written in Markdown (ADR 0021). One parser, `markdown-it`,
 * serves both outputs so they never disagree:
 * - `markdownToHtml` for the print page and the version page (raw HTML in the text is
 *   escaped, never passed through: `html: false`; unsafe link schemes are dropped by the
 *   library's `validateLink`); headings are shifted down so the text's "#" sits under the
 *   page's own h1/h2;
 * - `markdownBlocks` for the PDF: the same token stream turned into blocks (headings,
 *   paragraphs, list items, quotes, code, rules) made of styled runs (bold, italic, code),
 *   which export-pdf.ts lays out with pdfkit.
 */
import MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// The text's "#" becomes `env.firstHeading` on the page (the page has its own h1, often an h2).
md.core.ruler.push('shift_headings', (state) => {
  const first = Number(state.env?.firstHeading ?? 1);
  for (const tok of state.tokens) {
    if (tok.type === 'heading_open' || tok.type === 'heading_close') {
      tok.tag = `h${Math.min(6, Number(tok.tag.slice(1)) + first - 1)}`;
    }
  }
});

/** HTML of the text, safe to insert in a page (raw HTML escaped); its "#" becomes `firstHeading`. */
export function markdownToHtml(text: string, firstHeading = 3): string {
  return md.render(text, { firstHeading });
}

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  href?: string;
}

export type Block =
  /** level as written in the text: 1 for "#", 2 for "##"… */
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; quote: number }
  /** marker: "•" or "3." ; depth 1 for a top-level item */
  | { kind: 'item'; marker: string; depth: number; runs: Run[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

function inlineRuns(children: Token[] | null): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let strike = 0;
  let href: string | undefined;
  const push = (text: string, extra: Partial<Run> = {}) => {
    if (!text) return;
    runs.push({
      text,
      ...(bold ? { bold: true } : {}),
      ...(italic ? { italic: true } : {}),
      ...(strike ? { strike: true } : {}),
      ...(href ? { href } : {}),
      ...extra,
    });
  };
  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'code_inline':
        push(t.content, { code: true });
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 's_open':
        strike++;
        break;
      case 's_close':
        strike--;
        break;
      case 'link_open':
        href = String(t.attrGet('href') ?? '') || undefined;
        break;
      case 'link_close':
        href = undefined;
        break;
      case 'image':
        push(t.content || '');
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  return runs;
}

/** The text as blocks for a paginated document (the PDF). */
export function markdownBlocks(text: string): Block[] {
  const tokens = md.parse(text, {});
  const blocks: Block[] = [];
  // Open lists: ordered or not, and the next number.
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let pendingMarker: string | null = null;
  let heading: number | null = null;
  // Cells of the table row being read (tables are laid out as one line per row).
  let row: Run[][] | null = null;
  for (const t of tokens) {
    switch (t.type) {
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row) {
          blocks.push({
            kind: 'paragraph',
            quote,
            runs: row.flatMap((cell, i) => (i === 0 ? cell : [{ text: ' | ' }, ...cell])),
          });
        }
        row = null;
        break;
      case 'heading_open':
        // The tag was shifted for the page; the level written in the text is in the markup.
        heading = t.markup.length || Number(t.tag.slice(1));
        break;
      case 'heading_close':
        heading = null;
        break;
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const l = lists.at(-1);
        pendingMarker = l?.ordered ? `${l.next++}.` : '•';
        break;
      }
      case 'list_item_close':
        pendingMarker = null;
        break;
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'inline': {
        const runs = inlineRuns(t.children);
        if (row) row.push(runs);
        else if (heading !== null) blocks.push({ kind: 'heading', level: heading, runs });
        else if (pendingMarker !== null) {
          blocks.push({ kind: 'item', marker: pendingMarker, depth: lists.length, runs });
          pendingMarker = ''; // a second paragraph in the same item has no marker
        } else if (lists.length > 0) blocks.push({ kind: 'item', marker: '', depth: lists.length, runs });
        else blocks.push({ kind: 'paragraph', runs, quote });
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', text: t.content.replace(/\n$/, '') });
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
      case 'html_block':
        // Not reached with html: false (raw HTML is text); kept as text if ever enabled.
        blocks.push({ kind: 'paragraph', runs: [{ text: t.content }], quote });
        break;
      default:
        break;
    }
  }
  return blocks;
}
