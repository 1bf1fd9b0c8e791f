import { sql } from '../../db/sql.js';
import type { Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { readForm } from '../../http/validation.js';
import { isPlatformAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import { openRequestBetween } from '../connections/index.js';
import { formToPatch, profileToForm } from './domain/profile-form.js';
import { editPage } from './pages/edit.js';
import { organisationPage, requesterFor } from './pages/organisation.js';
import { sharingPage } from './pages/sharing.js';
import { findOrganisation, loadProfile, partnersOf, snapshot, updateProfile } from './profiles.js';

/** Organisation page (public, filtered by sharing level) and profile editing (its admins). */
export function registerProfilePages(r: Registrar, deps: Deps) {
  r.page('GET', '/ce-que-voient-les-autres', policies.public, (c) => sharingPage(c));

  r.page('GET', '/organisations/:id', policies.public, async (c) => {
    const p = await loadProfile(deps.db, c.req.param('id') ?? '', c.get('actor'));
    // An open connection request from the viewer's organisation: its state, not a second one.
    const requester = requesterFor(c, p.org.id, p.org.kind);
    const openRequest = requester ? await openRequestBetween(deps.db, requester, p.org.id) : null;
    return organisationPage(c, p, { openRequest });
  });

  const formContext = async (id: string, showsCufMember: boolean) => {
    const org = await findOrganisation(deps.db, id);
    if (!org) throw new AppError('not_found', 'Cette organisation n’existe pas.');
    const groups = await deps.db.many<{ code: string; name: string }>(
      sql`SELECT code, name FROM country_groups ORDER BY name`,
    );
    return {
      org,
      groups,
      partners: await partnersOf(deps.db, id),
      showsCufMember: showsCufMember && org.kind === 'local_authority',
    };
  };

  r.page('GET', '/organisations/:id/modifier', policies.orgAdmin('id'), async (c) => {
    const ctx = await formContext(c.req.param('id') ?? '', isPlatformAdmin(c.get('actor')));
    return editPage(c, { ...ctx, values: profileToForm(await snapshot(deps.db, ctx.org)) });
  });

  r.page('POST', '/organisations/:id/modifier', policies.orgAdmin('id'), async (c) => {
    const id = c.req.param('id') ?? '';
    const actor = c.get('actor');
    const ctx = await formContext(id, isPlatformAdmin(actor));
    const values = await readForm(c);
    const result = formToPatch(values, { kind: ctx.org.kind, showsCufMember: ctx.showsCufMember });
    if (!result.ok) return editPage(c, { ...ctx, values, errors: result.errors }, 422);
    try {
      await updateProfile(deps.db, { actor, requestId: c.get('requestId') }, id, result.patch, deps.now(), {
        mayRecordCufMembership: isPlatformAdmin(actor),
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation' && e.fields) {
        const errors = { ...e.fields };
        for (const k of Object.keys(errors))
          if (k.startsWith('partners.')) {
            errors.partnersKeep = errors[k];
            delete errors[k];
          }
        return editPage(c, { ...ctx, values, errors }, 422);
      }
      throw e;
    }
    return c.redirect(`/organisations/${id}?enregistre=1`, 303);
  });
}
