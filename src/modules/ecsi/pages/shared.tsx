import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';

export type C = Context<AppEnv>;
export type Values = Record<string, string | string[]>;
export const str = (v: unknown) =>
  Array.isArray(v) ? v.join('\n') : v === null || v === undefined ? '' : String(v);
export const crumbs = (c: C) => [{ label: c.get('t')('ecsi.list.title'), href: '/ecsi' }];
