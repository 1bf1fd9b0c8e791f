/**
 * Calendar files (RFC 5545) written with ical-generator (ADR 0090). One UID per event,
 * stable forever (`<event id>@<host>`), and SEQUENCE raised on every change sent, so
 * calendars replace the entry instead of adding a second one; a cancellation is sent as
 * METHOD:CANCEL with STATUS:CANCELLED. Times are written in UTC (unambiguous in every
 * client); the organiser's zone is named in X-PASSERELLE-TZ and in the description.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { EventView } from './store.js';

export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export function eventUid(eventId: string, baseUrl: string): string {
  return `${eventId}@${new URL(baseUrl).host}`;
}

/**
 * The calendar of one or more events. `withVideo` is true only for mails sent to
 * registered people: the public file and the feed never carry the video link.
 */
export function buildCalendar(
  events: EventView[],
  opts: { baseUrl: string; method?: IcsMethod; name?: string; withVideo?: boolean },
): string {
  const cal = ical({
    prodId: { company: 'UNML x Cités Unies France', product: 'Passerelle', language: 'FR' },
    name: opts.name ?? 'Passerelle — événements',
    method: ICalCalendarMethod[opts.method ?? 'PUBLISH'],
  });
  for (const e of events) {
    const page = `${opts.baseUrl}/evenements/${e.id}`;
    const video = opts.withVideo && e.videoUrl ? `\nLien de connexion : ${e.videoUrl}` : '';
    const cancelled = e.status === 'cancelled' || opts.method === 'CANCEL';
    cal.createEvent({
      id: eventUid(e.id, opts.baseUrl),
      sequence: e.sequence,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      stamp: new Date(e.updatedAt),
      summary: cancelled ? `Annulé : ${e.title}` : e.title,
      description: `${e.description}${e.description ? '\n\n' : ''}Fuseau de l’organisateur : ${e.timeZone}${video}\n${page}`,
      location: e.place ?? (opts.withVideo && e.videoUrl ? e.videoUrl : 'En ligne'),
      url: page,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: [{ name: e.kind }],
      x: { 'X-PASSERELLE-TZ': e.timeZone },
    });
  }
  return cal.toString();
}
