import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_KINDS } from '../../tests/helpers/db.js';
import type { Db } from '../db/client.js';
import { sql } from '../db/sql.js';
import { audit } from './audit.js';

const system = { actor: { kind: 'system' as const, label: 'test' }, requestId: 'req-1' };

for (const kind of DB_KINDS) {
  describe(`audit log (${kind})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await createTestDb(kind);
      await db.transaction((tx) =>
        audit(tx, system, {
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: 'o-1',
          before: { name: 'Avant' },
          after: { name: 'Après' },
        }),
      );
    });
    afterAll(async () => {
      await db.close();
    });

    it('records who, what and the before/after states', async () => {
      const row = await db.one<any>(sql`SELECT * FROM audit_log WHERE entity_id = 'o-1'`);
      expect(row).toMatchObject({
        actor_user_id: null,
        actor_label: 'test',
        action: 'organisation.updated',
        entity_type: 'organisation',
        before: { name: 'Avant' },
        after: { name: 'Après' },
        request_id: 'req-1',
      });
      expect(row.at).toBeInstanceOf(Date);
    });

    it('is append-only: UPDATE is refused by the database', async () => {
      await expect(db.run(sql`UPDATE audit_log SET action = 'falsifié'`)).rejects.toThrow(
        /append-only \(UPDATE refused\)/,
      );
    });

    it('is append-only: DELETE is refused by the database', async () => {
      await expect(db.run(sql`DELETE FROM audit_log`)).rejects.toThrow(/append-only \(DELETE refused\)/);
    });

    it('is append-only: TRUNCATE is refused by the database', async () => {
      await expect(db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
      const n = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
      expect(n.n).toBe(1);
    });

    it('audit() in a rolled-back transaction leaves nothing', async () => {
      await expect(
        db.transaction(async (tx) => {
          await audit(tx, system, { action: 'x.created', entityType: 'x', entityId: 'rollback' });
          throw new Error('la modification échoue');
        }),
      ).rejects.toThrow('la modification échoue');
      expect(await db.many(sql`SELECT id FROM audit_log WHERE entity_id = 'rollback'`)).toEqual([]);
    });

    it('names a signed-in actor by name and e-mail', async () => {
      const user = await db.one<{ id: string }>(
        sql`INSERT INTO users (email, name) VALUES ('a@exemple.fr', 'Alice Martin') RETURNING id`,
      );
      await db.transaction((tx) =>
        audit(
          tx,
          {
            actor: {
              kind: 'user',
              user: {
                id: user.id,
                email: 'a@exemple.fr',
                name: 'Alice Martin',
                globalRole: null,
                network: null,
                locale: 'fr',
              },
              memberships: [],
              via: 'session',
              tokenScope: null,
            },
          },
          { action: 'user.signed_in', entityType: 'user', entityId: user.id },
        ),
      );
      const row = await db.one<any>(
        sql`SELECT actor_user_id, actor_label FROM audit_log WHERE entity_id = ${user.id}`,
      );
      expect(row).toEqual({ actor_user_id: user.id, actor_label: 'Alice Martin <a@exemple.fr>' });
    });
  });
}
