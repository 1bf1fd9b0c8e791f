import { createAgreement } from '../../src/modules/agreements/create-agreement.js';
import { type Caller, type ModuleMatrix, NETWORK_ADMINS, type World } from './types.js';

const SYSTEM = { actor: { kind: 'system' as const, label: 'tests' } };
/** orgA's member and admin, orgB's admin (otherMember), platform admins. */
const PARTIES: Caller[] = ['member', 'orgAdmin', 'otherMember', 'platformAdmin'];
const review = (w: World) => `/conventions/${w.extra.evaluationAgreementId}/bilans/1`;

/** The partnership's indicators (network staff) and the annual review of an agreement (its parties). */
export const evaluationMatrix: ModuleMatrix = {
  module: 'evaluation',
  async setup(w) {
    const created = await w.app.db.transaction((tx) =>
      createAgreement(
        { tx, audit: SYSTEM, now: new Date() },
        {
          title: 'Convention de test (bilan)',
          kind: 'local_partnership',
          partyIds: [w.orgA.id, w.orgB.id],
          body: { format: 'markdown', text: '# Convention\n\nTexte.\n' },
        },
      ),
    );
    w.extra.evaluationAgreementId = created.id;
  },
  entries: [
    { method: 'GET', path: '/evaluation', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/evaluation/indicateurs.csv', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/evaluation/indicateurs.xlsx', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/api/v1/evaluation/indicators', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/conventions/:id/bilans/:year', url: review, allow: PARTIES },
    {
      method: 'GET',
      path: '/conventions/:id/bilans/:year/bilan.pdf',
      url: (w) => `${review(w)}/bilan.pdf`,
      allow: PARTIES,
    },
    {
      method: 'POST',
      path: '/conventions/:id/bilans/:year/partie',
      url: (w) => `${review(w)}/partie`,
      body: (w) => ({ organisationId: w.orgA.id, body: 'Nos faits marquants.' }),
      allow: ['orgAdmin'],
    },
    {
      method: 'POST',
      path: '/conventions/:id/bilans/:year/approuver',
      url: (w) => `${review(w)}/approuver`,
      body: (w) => ({ organisationId: w.orgA.id, hash: '0'.repeat(64) }),
      allow: ['orgAdmin'],
    },
    {
      method: 'GET',
      path: '/api/v1/agreements/:id/reviews/:year',
      url: (w) => `/api/v1/agreements/${w.extra.evaluationAgreementId}/reviews/1`,
      allow: PARTIES,
    },
    {
      method: 'PUT',
      path: '/api/v1/agreements/:id/reviews/:year/sections',
      url: (w) => `/api/v1/agreements/${w.extra.evaluationAgreementId}/reviews/1/sections`,
      body: (w) => ({ organisationId: w.orgA.id, body: 'Nos faits marquants.' }),
      allow: ['orgAdmin'],
    },
    {
      method: 'POST',
      path: '/api/v1/agreements/:id/reviews/:year/approvals',
      url: (w) => `/api/v1/agreements/${w.extra.evaluationAgreementId}/reviews/1/approvals`,
      body: (w) => ({ organisationId: w.orgA.id, hash: '0'.repeat(64) }),
      allow: ['orgAdmin'],
    },
  ],
};
