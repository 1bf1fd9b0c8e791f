/**
 * The signed-in home page's items (issue 9 §5), gathered from each module's public surface
 * (index.ts) for the actor's organisations and role. Read-only.
 */
import type { Queryable } from '../../db/client.js';
import { type Actor, isNetworkAdmin } from '../../policy/actor.js';
import { type AgreementsDashboard, agreementsDashboard } from '../agreements/index.js';
import {
  type AreaOpportunities,
  opportunitiesOfArea,
  pendingRelaysFor,
  type RelayItem,
  type RequestToAnswer,
  requestsToAnswer,
} from '../connections/index.js';
import { type NewCall, newCallsForUser } from '../funding/index.js';
import { type DashboardProject, projectsDashboard } from '../projects/index.js';

export interface Dashboard {
  requests: RequestToAnswer[];
  agreements: AgreementsDashboard;
  projects: DashboardProject[];
  funding: { searches: number; calls: NewCall[] };
  /** Requests network staff have to relay to the organisation addressed (art. 3). */
  relays: { count: number; items: RelayItem[] };
  /** Network staff and regional associations only. */
  opportunities: AreaOpportunities | null;
  networkStaff: boolean;
}

/** Europe/Paris calendar day of an instant ('YYYY-MM-DD'). */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export async function loadDashboard(db: Queryable, actor: Actor, now: Date): Promise<Dashboard> {
  const today = parisToday(now);
  const empty: Dashboard = {
    requests: [],
    relays: { count: 0, items: [] },
    agreements: { toApprove: [], deadlines: [], actionsDue: [] },
    projects: [],
    funding: { searches: 0, calls: [] },
    opportunities: null,
    networkStaff: false,
  };
  if (actor.kind !== 'user') return empty;
  return {
    requests: await requestsToAnswer(db, actor, now),
    relays: await pendingRelaysFor(db, actor, 20),
    agreements: await agreementsDashboard(db, actor, today),
    projects: await projectsDashboard(db, actor, today),
    funding: await newCallsForUser(db, actor.user.id, now, today),
    opportunities: await opportunitiesOfArea(db, actor, now),
    networkStaff: isNetworkAdmin(actor),
  };
}
