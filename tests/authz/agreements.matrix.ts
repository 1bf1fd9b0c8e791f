import { createAgreement } from '../../src/modules/agreements/create-agreement.js';
import type { Caller, ModuleMatrix, World } from './types.js';

const SYSTEM = { actor: { kind: 'system' as const, label: 'tests' } };
const PARTIES: Caller[] = ['member', 'orgAdmin', 'otherMember', 'platformAdmin'];
const A_ADMINS: Caller[] = ['orgAdmin'];
const A_ADMINS_OR_PAPER: Caller[] = ['orgAdmin', 'platformAdmin'];
const PARTY_ADMINS: Caller[] = ['orgAdmin', 'otherMember'];
const CREATORS: Caller[] = ['orgAdmin', 'otherMember', 'platformAdmin'];

const NO_ID = '00000000-0000-4000-8000-000000000000';
const id = (w: World) => w.extra.agreementId as string;
const base = (w: World) => `/api/v1/agreements/${id(w)}`;
const page = (w: World) => `/conventions/${id(w)}`;

/**
 * The agreement every entry runs on: a local partnership between orgA (member, orgAdmin)
 * and orgB (otherMember, an admin of orgB), so both are parties. Network admins see only
 * the national convention; platform admins see all and may record paper signatures.
 */
export const agreementsMatrix: ModuleMatrix = {
  module: 'agreements',
  async setup(w) {
    const created = await w.app.db.transaction((tx) =>
      createAgreement(
        { tx, audit: SYSTEM, now: new Date() },
        {
          title: 'Convention de test A–B',
          kind: 'local_partnership',
          partyIds: [w.orgA.id, w.orgB.id],
          body: { format: 'markdown', text: '# Convention\n\nTexte.\n' },
        },
      ),
    );
    w.extra.agreementId = created.id;
    w.extra.agreementHash = created.version.hash;
  },
  entries: [
    // API
    {
      method: 'GET',
      path: '/api/v1/agreements',
      allow: ['otherMember', 'member', 'orgAdmin', 'networkAdmin', 'platformAdmin'],
    },
    {
      method: 'POST',
      path: '/api/v1/agreements',
      body: (w) => ({
        title: 'Nouvelle',
        kind: 'project_agreement',
        partyIds: [w.orgA.id, w.orgB.id],
        text: 'Texte',
      }),
      allow: CREATORS,
    },
    { method: 'GET', path: '/api/v1/agreements/:id', url: base, allow: PARTIES },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/versions',
      url: (w) => `${base(w)}/versions`,
      body: (w) => ({ organisationId: w.orgA.id, text: `Texte ${Math.random()}` }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/approvals',
      url: (w) => `${base(w)}/approvals`,
      body: (w) => ({
        organisationId: w.orgA.id,
        hash: w.extra.agreementHash,
        signedOn: '2026-01-02',
        signerName: 'Signataire',
        signerRole: 'Président',
      }),
      allow: A_ADMINS_OR_PAPER,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/withdrawals',
      url: (w) => `${base(w)}/withdrawals`,
      body: (w) => ({ organisationId: w.orgA.id, notifiedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/formal-notices',
      url: (w) => `${base(w)}/formal-notices`,
      body: (w) => ({
        fromOrganisationId: w.orgA.id,
        toOrganisationId: w.orgB.id,
        sentOn: '2026-01-03',
        letterReference: 'AR 1',
      }),
      allow: A_ADMINS,
    },
    // Issue 10: every page action of the agreement in the API
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/formal-notices/:noticeId/remedy',
      url: (w) => `${base(w)}/formal-notices/${NO_ID}/remedy`,
      body: (w) => ({ organisationId: w.orgA.id, remediedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/formal-notices/:noticeId/termination',
      url: (w) => `${base(w)}/formal-notices/${NO_ID}/termination`,
      body: (w) => ({ organisationId: w.orgA.id, requestedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/automatic-terminations',
      url: (w) => `${base(w)}/automatic-terminations`,
      body: (w) => ({ organisationId: w.orgA.id, effectiveOn: '2026-01-03', legalGround: 'Loi' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/disputes',
      url: (w) => `${base(w)}/disputes`,
      body: (w) => ({ organisationId: w.orgA.id, subject: 'Objet', openedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/disputes/:disputeId/stages',
      url: (w) => `${base(w)}/disputes/${NO_ID}/stages`,
      body: (w) => ({ organisationId: w.orgA.id, stage: 'mediation', stageOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/meetings',
      url: (w) => `${base(w)}/meetings`,
      body: () => ({ heldOn: '2026-01-03', attendees: 'A, B' }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'PUT',
      path: '/api/v1/agreements/:id/approvals/:approvalId/signed-copy',
      url: (w) => `${base(w)}/approvals/${NO_ID}/signed-copy`,
      body: () => ({}),
      allow: CREATORS,
    },
    {
      method: 'GET',
      path: '/api/v1/agreements/:id/roadmaps',
      url: (w) => `${base(w)}/roadmaps`,
      allow: PARTIES,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/roadmaps',
      url: (w) => `${base(w)}/roadmaps`,
      body: () => ({ year: 1 }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/roadmaps/:year/actions',
      url: (w) => `${base(w)}/roadmaps/1/actions`,
      body: (w) => ({ title: 'Action', engagement: 'exchange_events', ownerOrganisationId: w.orgA.id }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'PATCH',
      path: '/api/v1/agreements/:id/roadmaps/:year/actions/:actionId',
      url: (w) => `${base(w)}/roadmaps/1/actions/${NO_ID}`,
      body: () => ({ status: 'done', progress: 100 }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/roadmaps/:year/approvals',
      url: (w) => `${base(w)}/roadmaps/1/approvals`,
      body: (w) => ({ organisationId: w.orgA.id, hash: 'a'.repeat(64) }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/roadmaps/:year/actions/import',
      url: (w) => `${base(w)}/roadmaps/1/actions/import`,
      body: () => ({}),
      allow: PARTY_ADMINS,
    },
    {
      method: 'GET',
      path: '/api/v1/agreements/:id/roadmaps/:year/actions.csv',
      url: (w) => `${base(w)}/roadmaps/1/actions.csv`,
      allow: PARTIES,
    },
    // Pages
    {
      method: 'GET',
      path: '/conventions',
      allow: ['otherMember', 'member', 'orgAdmin', 'networkAdmin', 'platformAdmin'],
    },
    { method: 'GET', path: '/conventions/nouvelle', allow: CREATORS },
    {
      method: 'POST',
      path: '/conventions/nouvelle',
      body: (w) => ({
        title: 'Nouvelle',
        kind: 'local_partnership',
        partyIds: [w.orgA.id, w.orgB.id],
        text: 'Texte',
      }),
      allow: CREATORS,
    },
    {
      method: 'GET',
      path: '/conventions/:id{[0-9a-fA-F-]{36}\\.pdf}',
      url: (w) => `${page(w)}.pdf`,
      allow: PARTIES,
    },
    { method: 'GET', path: '/conventions/:id', url: page, allow: PARTIES },
    {
      method: 'GET',
      path: '/conventions/:id/impression',
      url: (w) => `${page(w)}/impression`,
      allow: PARTIES,
    },
    {
      method: 'GET',
      path: '/conventions/:id/versions/:n',
      url: (w) => `${page(w)}/versions/1`,
      allow: PARTIES,
    },
    {
      method: 'GET',
      path: '/conventions/:id/versions/:n/fichier',
      url: (w) => `${page(w)}/versions/1/fichier`,
      allow: PARTIES,
    },
    {
      method: 'GET',
      path: '/conventions/:id/versions/:n/diff',
      url: (w) => `${page(w)}/versions/1/diff`,
      allow: PARTIES,
    },
    {
      method: 'POST',
      path: '/conventions/:id/approbations',
      url: (w) => `${page(w)}/approbations`,
      body: (w) => ({
        organisationId: w.orgA.id,
        hash: w.extra.agreementHash,
        signedOn: '2026-01-02',
        signerName: 'Signataire',
        signerRole: 'Président',
      }),
      allow: A_ADMINS_OR_PAPER,
    },
    {
      method: 'POST',
      path: '/conventions/:id/versions',
      url: (w) => `${page(w)}/versions`,
      body: (w) => ({ organisationId: w.orgA.id, text: `Texte ${Math.random()}` }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/denonciation',
      url: (w) => `${page(w)}/denonciation`,
      body: (w) => ({ organisationId: w.orgA.id, notifiedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/mises-en-demeure',
      url: (w) => `${page(w)}/mises-en-demeure`,
      body: (w) => ({
        fromOrganisationId: w.orgA.id,
        toOrganisationId: w.orgB.id,
        sentOn: '2026-01-03',
        letterReference: 'AR 1',
      }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/mises-en-demeure/:noticeId/levee',
      url: (w) => `${page(w)}/mises-en-demeure/${NO_ID}/levee`,
      body: (w) => ({ organisationId: w.orgA.id, remediedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/mises-en-demeure/:noticeId/resiliation',
      url: (w) => `${page(w)}/mises-en-demeure/${NO_ID}/resiliation`,
      body: (w) => ({ organisationId: w.orgA.id, requestedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/resiliation-de-plein-droit',
      url: (w) => `${page(w)}/resiliation-de-plein-droit`,
      body: (w) => ({ organisationId: w.orgA.id, effectiveOn: '2026-01-03', legalGround: 'Loi' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/litiges',
      url: (w) => `${page(w)}/litiges`,
      body: (w) => ({ organisationId: w.orgA.id, subject: 'Objet', openedOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/litiges/:disputeId/etape',
      url: (w) => `${page(w)}/litiges/${NO_ID}/etape`,
      body: (w) => ({ organisationId: w.orgA.id, stage: 'mediation', stageOn: '2026-01-03' }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/reunions',
      url: (w) => `${page(w)}/reunions`,
      body: () => ({ heldOn: '2026-01-03', attendees: 'A, B' }),
      allow: PARTY_ADMINS,
    },
    // Annual roadmap
    {
      method: 'GET',
      path: '/conventions/:id/feuilles-de-route/:year',
      url: (w) => `${page(w)}/feuilles-de-route/1`,
      allow: PARTIES,
    },
    {
      method: 'GET',
      path: '/conventions/:id/feuilles-de-route/:year/actions.csv',
      url: (w) => `${page(w)}/feuilles-de-route/1/actions.csv`,
      allow: PARTIES,
    },
    {
      method: 'POST',
      path: '/conventions/:id/feuilles-de-route',
      url: (w) => `${page(w)}/feuilles-de-route`,
      body: () => ({ year: '1' }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/feuilles-de-route/:year/actions',
      url: (w) => `${page(w)}/feuilles-de-route/1/actions`,
      body: (w) => ({ title: 'Action', engagement: 'exchange_events', ownerOrganisationId: w.orgA.id }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/feuilles-de-route/:year/actions/:actionId',
      url: (w) => `${page(w)}/feuilles-de-route/1/actions/${NO_ID}`,
      body: () => ({ status: 'done', progress: '100' }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/feuilles-de-route/:year/approbations',
      url: (w) => `${page(w)}/feuilles-de-route/1/approbations`,
      body: (w) => ({ organisationId: w.orgA.id, hash: 'a'.repeat(64) }),
      allow: A_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/feuilles-de-route/:year/import',
      url: (w) => `${page(w)}/feuilles-de-route/1/import`,
      body: () => ({ csv: 'titre;engagement;porteur\nX;exchange_events;A\n' }),
      allow: PARTY_ADMINS,
    },
    {
      method: 'POST',
      path: '/conventions/:id/approbations/:approvalId/copie',
      url: (w) => `${page(w)}/approbations/${NO_ID}/copie`,
      body: () => ({}),
      allow: CREATORS,
    },
    {
      method: 'GET',
      path: '/conventions/:id/approbations/:approvalId/copie',
      url: (w) => `${page(w)}/approbations/${NO_ID}/copie`,
      allow: PARTIES,
    },
  ],
};
