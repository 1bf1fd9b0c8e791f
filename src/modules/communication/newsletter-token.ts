/**
 * Per-list one-click unsubscribe (RFC 8058), the mechanism of the connections module's
 * /desabonnement/:token: a signed token naming the address and the list; no sign-in needed.
 */
import type { Config } from '../../config.js';
import { hmac, safeEqual } from '../../lib/crypto.js';

export function listUnsubscribeToken(secret: string, email: string, listKey: string): string {
  const payload = Buffer.from(`${listKey}|${email.toLowerCase()}`).toString('base64url');
  return `${payload}.${hmac(secret, `newsletter-unsubscribe:${payload}`)}`;
}

export function readListUnsubscribeToken(
  secret: string,
  token: string,
): { email: string; listKey: string } | null {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || !safeEqual(mac, hmac(secret, `newsletter-unsubscribe:${payload}`))) return null;
  const text = Buffer.from(payload, 'base64url').toString('utf8');
  const i = text.indexOf('|');
  if (i < 1) return null;
  return { listKey: text.slice(0, i), email: text.slice(i + 1) };
}

export const listUnsubscribeUrl = (config: Config, email: string, listKey: string) =>
  `${config.BASE_URL}/lettres/desabonnement/${listUnsubscribeToken(config.SESSION_SECRET, email, listKey)}`;
