import { sql } from '../../src/db/sql.js';
import { enqueue } from '../../src/jobs/queue.js';
import { queueMail } from '../../src/mail/mail.js';
import { type ModuleMatrix, NETWORK_ADMINS, PLATFORM_ADMINS, type World } from './types.js';

/** A job that has used up its attempts, for the retry route. */
async function aFailedJob(w: World): Promise<number> {
  const id = (await enqueue(w.app.db, 'matrix.failing', {}, { maxAttempts: 1 }))!;
  await w.app.db.run(
    sql`UPDATE jobs SET status = 'failed', attempts = 1, last_error = 'panne', finished_at = now() WHERE id = ${id}`,
  );
  return id;
}

export const adminMatrix: ModuleMatrix = {
  module: 'admin',
  async setup(w) {
    w.extra.adminMailId = await w.app.db.transaction((tx) =>
      queueMail(tx, {}, { to: 'x@exemple.fr', subject: 'Matrice', text: 'Bonjour' }),
    );
    w.extra.adminFailedJob = await aFailedJob(w);
  },
  entries: [
    { method: 'GET', path: '/admin', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/journal', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/journal.csv', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/admin/taches', allow: PLATFORM_ADMINS },
    {
      method: 'POST',
      path: '/admin/taches/:id/relancer',
      url: (w) => `/admin/taches/${w.extra.adminFailedJob}/relancer`,
      // Each caller gets a failed job of its own: a retry consumes it.
      fresh: async (w) => {
        w.extra.adminFailedJob = await aFailedJob(w);
      },
      allow: PLATFORM_ADMINS,
    },
    { method: 'GET', path: '/admin/outbox', allow: PLATFORM_ADMINS },
    {
      method: 'GET',
      path: '/admin/outbox/:id',
      url: (w) => `/admin/outbox/${w.extra.adminMailId}`,
      allow: PLATFORM_ADMINS,
    },
  ],
};
