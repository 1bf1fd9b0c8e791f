import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';

export type C = Context<AppEnv>;
export type Values = Record<string, string | string[]>;
export const str = (v: unknown) =>
  Array.isArray(v) ? v.join('\n') : v === null || v === undefined ? '' : String(v);
export const crumbs = (c: C) => [{ label: c.get('t')('news.list.title'), href: '/actualites' }];

/** Paragraphs of a plain text (blank lines separate them). */
export const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => (
        <p>{p}</p>
      ))}
  </>
);
