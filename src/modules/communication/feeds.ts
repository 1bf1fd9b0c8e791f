/** Public RSS 2.0 and Atom 1.0 feeds of published joint news (library `feed`, ADR 0110). */
import { Feed } from 'feed';
import type { NewsSummary } from './store.js';

export function buildFeed(baseUrl: string, items: NewsSummary[], now: Date): Feed {
  const feed = new Feed({
    title: 'Passerelle — actualités UNML × Cités Unies France',
    description:
      'Actualités des activités et résultats communs des Missions Locales et des collectivités engagées à l’international (convention UNML × CUF, art. 3).',
    id: `${baseUrl}/actualites`,
    link: `${baseUrl}/actualites`,
    language: 'fr',
    updated: items[0]?.publishedAt ? new Date(items[0].publishedAt) : now,
    feedLinks: { rss: `${baseUrl}/actualites/rss.xml`, atom: `${baseUrl}/actualites/atom.xml` },
    copyright: 'UNML et Cités Unies France',
    generator: 'Passerelle',
  });
  for (const n of items) {
    const link = `${baseUrl}/actualites/${n.id}`;
    feed.addItem({
      title: n.title,
      id: link,
      link,
      description: n.body.length > 400 ? `${n.body.slice(0, 399)}…` : n.body,
      content: n.body,
      date: new Date(n.publishedAt ?? n.createdAt),
    });
  }
  return feed;
}
