import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { seedDemo } from '../../db/seed/demo.js';
import { sql } from '../../db/sql.js';

for (const kind of DB_KINDS) {
  describe(`directory demo profiles (${kind})`, () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ kind });
      await seedDemo(app.deps);
    });
    afterAll(() => app.close());

    it('the demo Mission Locale is open to partnership, with contacts at each sharing level and a partner abroad', async () => {
      const ml = await app.db.one<{ id: string; open_to_partnership: boolean }>(
        sql`SELECT id, open_to_partnership FROM organisations WHERE code = 'DEMO-ML'`,
      );
      expect(ml.open_to_partnership).toBe(true);
      const levels = await app.db.many<{ sharing_level: string }>(
        sql`SELECT sharing_level FROM organisation_contacts WHERE organisation_id = ${ml.id} ORDER BY position`,
      );
      expect(levels.map((l) => l.sharing_level)).toEqual(['public', 'partners', 'confidential']);
      const { html } = await app.anonymous().page(`/organisations/${ml.id}`);
      expect(html).toContain('Commune partenaire de Saint-Louis (démo)');
      expect(html).toContain('Accueil (démo)');
      expect(html).not.toContain('Hugo Conseiller (démo)');
      const open = await (await app.anonymous().get('/api/v1/organisations?open=1')).json();
      expect(open.items.map((i: any) => i.id)).toContain(ml.id);
    });
  });
}
