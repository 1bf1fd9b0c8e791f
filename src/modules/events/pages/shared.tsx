import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import type { EventView } from '../store.js';

export type C = Context<AppEnv>;
export type Values = Record<string, string | string[]>;
export const str = (v: unknown) =>
  Array.isArray(v) ? v.join('\n') : v === null || v === undefined ? '' : String(v);
export const crumbs = (c: C) => [{ label: c.get('t')('events.nav'), href: '/evenements' }];

/** "jeudi 12 mars 2026, 14:00 – 16:00 (Europe/Paris)", in the organiser's zone. */
export function whenLabel(c: C, e: EventView): string {
  const locale = c.get('locale') === 'en' ? 'en-GB' : 'fr-FR';
  const tz = e.timeZone;
  const day = (d: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: tz,
    }).format(new Date(d));
  const time = (d: string) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(new Date(d));
  const sameDay = day(e.startsAt) === day(e.endsAt);
  const span = sameDay
    ? `${day(e.startsAt)}, ${time(e.startsAt)} – ${time(e.endsAt)}`
    : `${day(e.startsAt)}, ${time(e.startsAt)} – ${day(e.endsAt)}, ${time(e.endsAt)}`;
  return `${span} (${tz === 'Europe/Paris' ? 'heure de Paris' : tz})`;
}

export function seatsLabel(c: C, e: EventView): string {
  const t = c.get('t');
  const n = new Intl.NumberFormat('fr-FR');
  return e.capacity === null
    ? t('events.field.seats_unlimited', { confirmed: n.format(e.confirmed) })
    : t('events.field.seats_value', { confirmed: n.format(e.confirmed), capacity: n.format(e.capacity) });
}
