import { adminMatrix } from './admin.matrix.js';
import { agreementsMatrix } from './agreements.matrix.js';
import { authMatrix } from './auth.matrix.js';
import { communicationMatrix } from './communication.matrix.js';
import { connectionsMatrix } from './connections.matrix.js';
import { coreMatrix } from './core.matrix.js';
import { directoryMatrix } from './directory.matrix.js';
import { ecsiMatrix } from './ecsi.matrix.js';
import { evaluationMatrix } from './evaluation.matrix.js';
import { eventsMatrix } from './events.matrix.js';
import { fundingMatrix } from './funding.matrix.js';
import { proconnectMatrix } from './proconnect.matrix.js';
import { projectsMatrix } from './projects.matrix.js';
import { territoryMatrix } from './territory.matrix.js';
import type { ModuleMatrix } from './types.js';

/** Every module's part of the authorisation matrix (one file per module). */
export const matrices: ModuleMatrix[] = [
  coreMatrix,
  authMatrix,
  proconnectMatrix,
  adminMatrix,
  directoryMatrix,
  territoryMatrix,
  agreementsMatrix,
  connectionsMatrix,
  fundingMatrix,
  projectsMatrix,
  eventsMatrix,
  ecsiMatrix,
  communicationMatrix,
  evaluationMatrix,
];
