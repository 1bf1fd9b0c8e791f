import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { anOrganisation, aUser } from '../../../tests/helpers/fixtures.js';

describe('art. 2 : an accepted connection starts a joint project', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the accepted connection page links to the project form, prefilled with both sides', async () => {
    const ml = await anOrganisation(t.db, { kind: 'mission_locale', name: 'Mission Locale du Val' });
    const commune = await anOrganisation(t.db, {
      kind: 'local_authority',
      level: 'commune',
      name: 'Commune du Val',
    });
    const mlUser = await aUser(t.db, { memberOf: [{ organisationId: ml.id, role: 'admin' }] });
    const communeUser = await aUser(t.db, { memberOf: [{ organisationId: commune.id, role: 'admin' }] });
    const asMl = await t.as(mlUser.id);
    await asMl.page('/compte');
    const created = await asMl.json('POST', '/api/v1/connections', {
      requesterId: ml.id,
      receiverId: commune.id,
      message: 'Bonjour, construisons une mobilité de jeunes ensemble.',
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const pending = await asMl.page(`/mises-en-relation/${id}`);
    expect(pending.html).not.toContain('Démarrer un projet commun');

    const asCommune = await t.as(communeUser.id);
    await asCommune.page('/compte');
    expect((await asCommune.json('POST', `/api/v1/connections/${id}/accept`, {})).status).toBe(200);

    const accepted = await asMl.page(`/mises-en-relation/${id}`);
    const href = `/projets/nouveau?organisation=${ml.id}&amp;partenaire=${commune.id}`;
    expect(accepted.html).toContain(href);
    const form = await asMl.page(href.replace('&amp;', '&'));
    expect(form.res.status).toBe(200);
    expect(form.html).toMatch(new RegExp(`<option value="${commune.id}" selected`));
  });
});
