import type { Deps, HeaderSlot } from '../http/context.js';
import type { Registrar } from '../http/registry.js';
import type { JobHandler } from '../jobs/queue.js';
import type { Schedule } from '../jobs/scheduler.js';
import { adminModule } from './admin/routes.js';
import { agreementsModule } from './agreements/routes.js';
import { authModule } from './auth/routes.js';
import { communicationModule } from './communication/routes.js';
import { connectionsModule } from './connections/routes.js';
import { directoryModule } from './directory/routes.js';
import { ecsiModule } from './ecsi/routes.js';
import { evaluationModule } from './evaluation/routes.js';
import { eventsModule } from './events/routes.js';
import { fundingModule } from './funding/routes.js';
import { homeModule } from './home/routes.js';
import { proconnectModule } from './proconnect/routes.js';
import { projectsModule } from './projects/routes.js';
import { systemModule } from './system/routes.js';

export interface Module {
  name: string;
  register(r: Registrar, deps: Deps): void;
  /** Background job kinds this module handles. */
  jobs?: (deps: Deps) => Record<string, JobHandler>;
  /** Recurring jobs this module needs. */
  schedules?: Schedule[];
  /** Demo data for this module, run once on the first start in demo mode (after the core demo data). */
  seedDemo?: (deps: Deps) => Promise<void>;
  /** Run by the server right after the demo data was seeded on the first start in demo mode. */
  firstDemoStart?: (deps: Deps) => Promise<void>;
  /** A small item in the header of signed-in users' pages (rendered by the layout). */
  headerSlot?: HeaderSlot;
}

/** Every capability of Passerelle, in the order their routes are mounted. */
export const modules: Module[] = [
  systemModule,
  homeModule,
  authModule,
  proconnectModule,
  adminModule,
  directoryModule,
  agreementsModule,
  connectionsModule,
  fundingModule,
  projectsModule,
  eventsModule,
  ecsiModule,
  communicationModule,
  evaluationModule,
];
