/**
 * Issue 10, "Every action has its API": saved funding searches (e-mail alerts) through
 * /api/v1 with the typed client — same schema as the alerts form, same operations (audit),
 * only the owner deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, personalToken, typedClient } from '../../../tests/helpers/api-client.js';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { DB_KINDS } from '../../../tests/helpers/db.js';
import { aUser } from '../../../tests/helpers/fixtures.js';
import { sql } from '../../db/sql.js';

describe.each(DB_KINDS)('saved funding searches in the API (%s)', (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let other: ApiClient;
  let userId: string;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    userId = (await aUser(app.db, {})).id;
    api = typedClient(app, await personalToken(app, userId));
    other = typedClient(app, await personalToken(app, (await aUser(app.db, {})).id));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses an unknown filter with a French message naming the field', async () => {
    const bad = await api.POST('/api/v1/funding-searches', {
      body: { q: 'jeunes', projectKind: 'voyage' as 'ecsi' },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error!.error.fields!.projectKind).toBe('Type de projet inconnu.');
  });

  it('saves, lists (only mine), and deletes a search; the page shows what the API saved', async () => {
    const saved = await api.POST('/api/v1/funding-searches', {
      body: { q: ' mobilité ', projectKind: 'youth_mobility' },
    });
    expect(saved.response.status).toBe(201);
    expect(saved.data).toMatchObject({ q: 'mobilité', projectKind: 'youth_mobility', applicantType: null });
    const sid = saved.data!.id;
    const row = await app.db.one<{ user_id: string; unsubscribe_token: string }>(
      sql`SELECT user_id, unsubscribe_token FROM funding_saved_searches WHERE id = ${sid}`,
    );
    expect(row.user_id).toBe(userId);
    expect(row.unsubscribe_token).toMatch(/^[0-9a-f]{64}$/);

    const mine = await api.GET('/api/v1/funding-searches');
    expect(mine.data!.items.map((s) => s.id)).toEqual([sid]);
    expect((await other.GET('/api/v1/funding-searches')).data!.items).toEqual([]);

    const page = await (await app.as(userId)).page('/financements/alertes');
    expect(page.html).toContain('mobilité');

    const notYours = await other.DELETE('/api/v1/funding-searches/{sid}', { params: { path: { sid } } });
    expect(notYours.response.status).toBe(403);
    const del = await api.DELETE('/api/v1/funding-searches/{sid}', { params: { path: { sid } } });
    expect(del.response.status).toBe(204);
    const audited = await app.db.many<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = ${sid} ORDER BY at`,
    );
    expect(audited.map((a) => a.action)).toEqual(['funding.search.save', 'funding.search.delete']);
    const again = await api.DELETE('/api/v1/funding-searches/{sid}', { params: { path: { sid } } });
    expect(again.response.status).toBe(404);
  });
});
