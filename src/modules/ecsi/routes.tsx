import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Registrar } from '../../http/registry.js';
import { fieldErrors, readForm } from '../../http/validation.js';
import { isNetworkAdmin } from '../../policy/actor.js';
import { policies } from '../../policy/policy.js';
import type { Module } from '../index.js';
import { registerEcsiApi } from './api.js';
import { ecsiAwarenessStats } from './awareness-stats.js';
import { moderateResource } from './moderate-resource.js';
import { actionFormPage, actionsPage } from './pages/actions.js';
import { libraryPage } from './pages/library.js';
import { moderationPage } from './pages/moderation.js';
import { resourcePage } from './pages/resource.js';
import { suggestPage } from './pages/suggest.js';
import { recordAwarenessAction } from './record-awareness-action.js';
import { ecsiOp, resourceFilterOf } from './request.js';
import { actionSchema, FILE_TYPES, MAX_FILE_BYTES, rejectSchema, resourceSchema } from './schemas.js';
import { seedEcsiDemo } from './seed-demo.js';
import {
  findResource,
  listActions,
  pendingResources,
  resolveOrganisationNames,
  resourceFile,
  searchResources,
  themeOptions,
} from './store.js';
import { suggestResource } from './suggest-resource.js';

type C = Context<AppEnv>;

/** Organisations a person may record awareness actions for (not foreign partners). */
const recorderMemberships = (c: C) => {
  const a = c.get('actor');
  return a.kind === 'user' ? a.memberships.filter((m) => m.organisationKind !== 'foreign_partner') : [];
};
const recorder = policies.check(
  'ecsiRecorder',
  (a) =>
    a.kind === 'user' &&
    (isNetworkAdmin(a) || a.memberships.some((m) => m.organisationKind !== 'foreign_partner')),
);

function register(r: Registrar, deps: Deps) {
  const { db } = deps;
  const t = (c: C) => c.get('t');
  const userOf = (c: C) => {
    const a = c.get('actor');
    if (a.kind !== 'user') throw new AppError('unauthenticated');
    return a.user;
  };
  const resourceOr404 = async (c: C) => {
    const res = await findResource(db, c.req.param('id') ?? '');
    // Unpublished resources exist only for network staff and their author.
    const a = c.get('actor');
    const visible =
      res &&
      (res.status === 'published' ||
        isNetworkAdmin(a) ||
        (a.kind === 'user' && res.suggestedBy === a.user.id));
    if (!res || !visible)
      throw new AppError('not_found', 'Cette ressource n’existe pas ou n’est pas publiée.');
    return res;
  };

  registerEcsiApi(r, deps);

  r.page('GET', '/ecsi', policies.public, async (c) => {
    const filter = resourceFilterOf(c);
    return libraryPage(c, {
      items: await searchResources(db, filter),
      filter,
      themes: await themeOptions(db),
      pending: isNetworkAdmin(c.get('actor')) ? (await pendingResources(db)).length : 0,
    });
  });

  r.page('GET', '/ecsi/proposer', policies.signedIn, async (c) =>
    suggestPage(c, {
      values: {},
      errors: {},
      themes: await themeOptions(db),
      sent: !!c.req.query('envoyee'),
    }),
  );
  r.page('POST', '/ecsi/proposer', policies.signedIn, async (c) => {
    const themes = await themeOptions(db);
    const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
    const body = multipart ? await c.req.parseBody({ all: true }) : {};
    const values: Record<string, string | string[]> = multipart ? {} : await readForm(c);
    for (const [k, v] of Object.entries(body)) {
      if (k === '_csrf' || k === 'file') continue;
      if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
      else if (typeof v === 'string') values[k] = v;
    }
    const parsed = resourceSchema.safeParse(values);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const f = [body.file].flat()[0];
    let file: { bytes: Uint8Array; name: string; type: string } | null = null;
    if (f && typeof f !== 'string' && f.size > 0) {
      const ext = (f.name.split('.').pop() ?? '').toLowerCase();
      if (!FILE_TYPES[ext]) errors.file = 'Fichier : PDF, ODT, ODP, DOCX ou PPTX seulement.';
      else if (f.size > MAX_FILE_BYTES) errors.file = 'Fichier : 5 Mo au plus.';
      else
        file = {
          bytes: new Uint8Array(await f.arrayBuffer()),
          name: f.name.slice(0, 200),
          type: FILE_TYPES[ext],
        };
    }
    if (!parsed.success || Object.keys(errors).length) return suggestPage(c, { values, errors, themes }, 422);
    try {
      await db.transaction((tx) => suggestResource(ecsiOp(c, deps, tx), userOf(c), { ...parsed.data, file }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation')
        return suggestPage(c, { values, errors: e.fields ?? {}, themes }, 422);
      throw e;
    }
    return c.redirect('/ecsi/proposer?envoyee=1', 303);
  });

  r.page('GET', '/ecsi/moderation', policies.networkAdmin, async (c) => {
    const q = (k: string) => c.req.query(k);
    const flash = q('publiee')
      ? t(c)('ecsi.moderation.published')
      : q('refusee')
        ? t(c)('ecsi.moderation.rejected')
        : q('retiree')
          ? t(c)('ecsi.moderation.withdrawn')
          : undefined;
    return moderationPage(c, { items: await pendingResources(db), flash });
  });

  const decide = (decision: 'publish' | 'reject' | 'withdraw', flag: string) => async (c: C) => {
    const id = c.req.param('id') ?? '';
    const res = await findResource(db, id);
    if (!res) throw new AppError('not_found', 'Cette ressource n’existe pas.');
    let reason: string | undefined;
    if (decision === 'reject') {
      const form = await readForm(c);
      const parsed = rejectSchema.safeParse({ reason: form[`reason-${id}`] ?? form.reason });
      if (!parsed.success)
        return moderationPage(
          c,
          {
            items: await pendingResources(db),
            errors: { [`reason-${id}`]: fieldErrors(parsed.error).reason },
          },
          422,
        );
      reason = parsed.data.reason;
    }
    await db.transaction((tx) => moderateResource(ecsiOp(c, deps, tx), userOf(c).id, id, decision, reason));
    return c.redirect(`/ecsi/moderation?${flag}=1`, 303);
  };
  r.page('POST', '/ecsi/ressources/:id/publier', policies.networkAdmin, decide('publish', 'publiee'));
  r.page('POST', '/ecsi/ressources/:id/refuser', policies.networkAdmin, decide('reject', 'refusee'));
  r.page('POST', '/ecsi/ressources/:id/retirer', policies.networkAdmin, decide('withdraw', 'retiree'));

  r.page('GET', '/ecsi/ressources/:id', policies.public, async (c) =>
    resourcePage(c, { resource: await resourceOr404(c), themes: await themeOptions(db) }),
  );
  r.asset('GET', '/ecsi/ressources/:id/fichier', policies.public, async (c) => {
    const res = await resourceOr404(c);
    const f = await resourceFile(db, res.id);
    if (!f?.file || !f.file_name) throw new AppError('not_found', 'Cette ressource n’a pas de fichier.');
    return c.body(new Uint8Array(f.file), 200, {
      'Content-Type': f.file_type ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`,
    });
  });

  r.page('GET', '/ecsi/actions', policies.public, async (c) => {
    const today = deps.now().toISOString().slice(0, 10);
    return actionsPage(c, {
      items: await listActions(db),
      stats: await ecsiAwarenessStats(db, { from: '2025-07-04', to: today }),
      canRecord: recorderMemberships(c).length > 0 || isNetworkAdmin(c.get('actor')),
      flash: c.req.query('enregistree') ? t(c)('ecsi.actions.saved') : undefined,
    });
  });
  r.page('GET', '/ecsi/actions/nouvelle', recorder, (c) =>
    actionFormPage(c, { values: {}, errors: {}, organisers: recorderMemberships(c) }),
  );
  r.page('POST', '/ecsi/actions/nouvelle', recorder, async (c) => {
    const values = await readForm(c);
    const organisers = recorderMemberships(c);
    const names = String(values.participants ?? '')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 500);
    const resolved = await resolveOrganisationNames(db, names);
    const parsed = actionSchema.safeParse({ ...values, participantIds: resolved.ids });
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (resolved.unknown.length)
      errors.participants = `Organisation introuvable dans l’annuaire (ou nom ambigu) : ${resolved.unknown.join(', ')}.`;
    if (
      parsed.success &&
      !isNetworkAdmin(c.get('actor')) &&
      !organisers.some((m) => m.organisationId === parsed.data.organiserId)
    )
      errors.organiserId = 'Choisissez une organisation dont vous êtes membre.';
    if (!parsed.success || Object.keys(errors).length)
      return actionFormPage(c, { values, errors, organisers }, 422);
    await db.transaction((tx) => recordAwarenessAction(ecsiOp(c, deps, tx), userOf(c).id, parsed.data));
    return c.redirect('/ecsi/actions?enregistree=1', 303);
  });
}

export const ecsiModule: Module = {
  name: 'ecsi',
  register,
  seedDemo: seedEcsiDemo,
};
