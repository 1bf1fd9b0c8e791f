import type { Context } from 'hono';
import type { AppEnv } from '../../http/context.js';
import { unreadCount } from './notify.js';

/**
 * The header link to the notifications with the unread count (async component: the
 * layout renders it while the page is being written). One indexed COUNT, signed-in users only.
 */
export async function NotificationsLink({ c }: { c: Context<AppEnv> }) {
  const actor = c.get('actor');
  if (actor.kind !== 'user') return null;
  const t = c.get('t');
  let n = 0;
  try {
    n = await unreadCount(c.get('deps').db, actor.user.id);
  } catch {
    n = 0; // the header never fails a page
  }
  return (
    <a class="notifications-link" href="/notifications">
      {n > 0
        ? t('connections.notifications.header', { count: n })
        : t('connections.notifications.header_none')}
    </a>
  );
}
