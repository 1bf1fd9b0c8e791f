/**
 * Which calls a saved search alerts about today (pure): a "new" call is one created after
 * the search was saved that is still open or to come; a "closing" call is open and closes
 * within 7 days. Each (call, kind) is alerted once.
 */
import {
  type Call,
  daysUntilClose,
  filterProgrammes,
  isCallOpen,
  type Programme,
  type ProgrammeFilter,
} from './programme.js';

export interface AlertItem {
  programme: Programme;
  call: Call & { id: string };
  kind: 'new' | 'closing';
}

export function dueAlerts(
  programmes: Programme[],
  search: ProgrammeFilter & { savedAt: Date },
  createdAtOfCall: Map<string, Date>,
  alreadySent: Set<string>,
  today: string,
): AlertItem[] {
  const out: AlertItem[] = [];
  for (const p of filterProgrammes(programmes, search, today))
    for (const call of p.calls) {
      if (!call.id) continue;
      const c = call as Call & { id: string };
      const created = createdAtOfCall.get(c.id);
      if (created && created > search.savedAt && c.closesOn >= today && !alreadySent.has(`${c.id}:new`))
        out.push({ programme: p, call: c, kind: 'new' });
      if (isCallOpen(c, today) && daysUntilClose(c, today) <= 7 && !alreadySent.has(`${c.id}:closing`))
        out.push({ programme: p, call: c, kind: 'closing' });
    }
  return out;
}
