import { addDocument, createProject } from '../../src/modules/projects/operations.js';
import { anOrganisation } from '../helpers/fixtures.js';
import { ALL, type Caller, type ModuleMatrix, NETWORK_ADMINS, SIGNED_IN, type World } from './types.js';

const SYSTEM = { actor: { kind: 'system' as const, label: 'tests' } };
/** Members of orgA, a partner of every project here (orgB is not a partner). */
const EDITORS: Caller[] = ['member', 'orgAdmin'];
const VIEWERS: Caller[] = ['member', 'orgAdmin', 'networkAdmin', 'platformAdmin'];

async function aProject(w: World): Promise<string> {
  return w.app.db.transaction((tx) =>
    createProject(
      { tx, audit: SYSTEM, now: new Date() },
      {
        title: 'Projet de la matrice',
        kind: 'youth_mobility',
        summary: '',
        objectives: '',
        startsOn: '2026-03-01',
        endsOn: '2026-06-30',
        countries: ['SN'],
        organisationId: w.orgA.id,
        partnerIds: [w.extra.projectAuthorityId],
      },
    ),
  );
}
const fresh = async (w: World) => {
  w.extra.freshProjectId = await aProject(w);
};
const id = (w: World) => w.extra.projectId as string;
const page = (w: World, rest = '') => `/projets/${id(w)}${rest}`;

export const projectsMatrix: ModuleMatrix = {
  module: 'projects',
  async setup(w) {
    w.extra.projectAuthorityId = (
      await anOrganisation(w.app.db, { kind: 'local_authority', level: 'commune' })
    ).id;
    w.extra.projectId = await aProject(w);
    w.extra.projectDocId = await w.app.db.transaction((tx) =>
      addDocument({ tx, audit: SYSTEM, now: new Date() }, w.extra.projectId, {
        name: 'compte-rendu.txt',
        bytes: new TextEncoder().encode('Compte rendu de la réunion.'),
      }),
    );
  },
  entries: [
    { method: 'GET', path: '/api/v1/projects', allow: ALL },
    {
      method: 'POST',
      path: '/api/v1/projects',
      body: (w) => ({
        title: 'Nouveau',
        kind: 'ecsi',
        organisationIds: [w.orgA.id, w.orgB.id],
        countries: ['MA'],
      }),
      allow: ['member', 'orgAdmin', 'otherMember'],
    },
    { method: 'GET', path: '/api/v1/projects/:id', url: (w) => `/api/v1/projects/${id(w)}`, allow: VIEWERS },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/transitions',
      fresh,
      url: (w) => `/api/v1/projects/${w.extra.freshProjectId}/transitions`,
      body: () => ({ to: 'abandoned', reason: 'Test' }),
      allow: EDITORS,
    },
    {
      method: 'GET',
      path: '/api/v1/projects/:id/funding-eligibility',
      url: (w) => `/api/v1/projects/${id(w)}/funding-eligibility`,
      allow: VIEWERS,
    },
    // Issue 10: every action of the project page in the API
    {
      method: 'PATCH',
      path: '/api/v1/projects/:id',
      url: (w) => `/api/v1/projects/${id(w)}`,
      body: () => ({ title: 'Projet de la matrice', kind: 'youth_mobility', countries: ['SN'] }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/partners',
      url: (w) => `/api/v1/projects/${id(w)}/partners`,
      body: () => ({ foreignName: 'Commune de Dakar', country: 'SN', role: 'Accueil' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/milestones',
      url: (w) => `/api/v1/projects/${id(w)}/milestones`,
      body: () => ({ title: 'Départ', dueOn: '2026-04-01' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/budget-lines',
      url: (w) => `/api/v1/projects/${id(w)}/budget-lines`,
      body: () => ({ label: 'Transport', amount: 1000 }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/funding-lines',
      url: (w) => `/api/v1/projects/${id(w)}/funding-lines`,
      body: () => ({ source: 'Région', requested: 500, status: 'requested' }),
      allow: EDITORS,
    },
    {
      method: 'PUT',
      path: '/api/v1/projects/:id/funding-lines/:lineId',
      url: (w) => `/api/v1/projects/${id(w)}/funding-lines/00000000-0000-4000-8000-000000000000`,
      body: () => ({ source: 'Région', requested: 500, status: 'requested' }),
      allow: EDITORS,
    },
    {
      method: 'PUT',
      path: '/api/v1/projects/:id/participants',
      url: (w) => `/api/v1/projects/${id(w)}/participants`,
      body: () => ({ 'young.age.18_25': 4 }),
      allow: EDITORS,
    },
    {
      method: 'PUT',
      path: '/api/v1/projects/:id/assessment',
      url: (w) => `/api/v1/projects/${id(w)}/assessment`,
      body: () => ({ horizontalityLevel: 2 }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/documents',
      url: (w) => `/api/v1/projects/${id(w)}/documents?name=note.txt`,
      body: () => ({}),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/publication-request',
      fresh,
      url: (w) => `/api/v1/projects/${w.extra.freshProjectId}/publication-request`,
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/api/v1/projects/:id/publication',
      fresh,
      url: (w) => `/api/v1/projects/${w.extra.freshProjectId}/publication`,
      body: () => ({ publish: true }),
      allow: NETWORK_ADMINS,
    },
    { method: 'GET', path: '/projets/export.csv', allow: NETWORK_ADMINS },
    { method: 'GET', path: '/projets/export.xlsx', allow: NETWORK_ADMINS },
    {
      method: 'GET',
      path: '/projets/:id/documents/:docId',
      url: (w) => page(w, `/documents/${w.extra.projectDocId}`),
      allow: VIEWERS,
    },
    { method: 'POST', path: '/projets/:id/documents', url: (w) => page(w, '/documents'), allow: EDITORS },
    { method: 'GET', path: '/projets', allow: ALL },
    { method: 'GET', path: '/projets/nouveau', allow: SIGNED_IN },
    {
      method: 'POST',
      path: '/projets/nouveau',
      body: (w) => ({
        title: 'Projet',
        kind: 'ecsi',
        organisationId: w.orgA.id,
        partnerIds: w.orgB.id,
        countries: 'Maroc',
      }),
      allow: EDITORS,
    },
    { method: 'GET', path: '/projets/:id', url: (w) => page(w), allow: VIEWERS },
    { method: 'GET', path: '/projets/:id/modifier', url: (w) => page(w, '/modifier'), allow: EDITORS },
    {
      method: 'POST',
      path: '/projets/:id/modifier',
      url: (w) => page(w, '/modifier'),
      body: () => ({ title: 'Projet de la matrice', kind: 'youth_mobility', countries: 'SN' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/statut',
      fresh,
      url: (w) => `/projets/${w.extra.freshProjectId}/statut`,
      body: () => ({ to: 'abandoned', reason: 'Test' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/partenaires',
      url: (w) => page(w, '/partenaires'),
      body: () => ({ foreignName: 'Commune de Dakar', country: 'SN', role: 'Accueil' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/jalons',
      url: (w) => page(w, '/jalons'),
      body: () => ({ title: 'Départ', dueOn: '2026-04-01' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/budget',
      url: (w) => page(w, '/budget'),
      body: () => ({ label: 'Transport', amount: '1000' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/financements',
      url: (w) => page(w, '/financements'),
      body: () => ({ source: 'Région', requested: '500', status: 'requested' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/financements/:lineId',
      url: (w) => page(w, '/financements/00000000-0000-4000-8000-000000000000'),
      body: () => ({ source: 'Région', requested: '500', status: 'requested' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/participants',
      url: (w) => page(w, '/participants'),
      body: () => ({ 'young.age.18_25': '4' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/evaluation',
      url: (w) => page(w, '/evaluation'),
      body: () => ({ horizontalityLevel: '2' }),
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/publication',
      fresh,
      url: (w) => `/projets/${w.extra.freshProjectId}/publication`,
      allow: EDITORS,
    },
    {
      method: 'POST',
      path: '/projets/:id/publier',
      fresh,
      url: (w) => `/projets/${w.extra.freshProjectId}/publier`,
      body: () => ({ publish: '1' }),
      allow: NETWORK_ADMINS,
    },
  ],
};
