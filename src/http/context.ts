import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Locale, Translate } from '../i18n/i18n.js';
import type { Actor } from '../policy/actor.js';

/** Everything the app needs, built once by the composition root (src/main.ts). */
export interface Deps {
  config: Config;
  db: Db;
  logger: Logger;
  /** The current instant; tests replace it to move time. */
  now: () => Date;
}

export interface SessionInfo {
  idHash: string;
  csrfToken: string;
  data: Record<string, unknown>;
}

/**
 * A small item a module shows in the page header of signed-in users (e.g. the notifications
 * link): modules provide it (Module.headerSlot), the composition root (app.ts) puts the list
 * on the context, the layout renders it — so the layout never imports a module.
 */
export type HeaderSlot = (props: { c: Context<AppEnv> }) => any;

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    actor: Actor;
    session: SessionInfo | null;
    locale: Locale;
    t: Translate;
    /** The token forms must echo back (anonymous visitors get one bound to a cookie). */
    csrfToken: string;
    /** Header items provided by modules (see HeaderSlot). */
    headerSlots: HeaderSlot[];
    /** Nonce-free CSP: no inline scripts at all. */
  };
};
