/** Public surface of the agreements module: what other modules may use. */

export {
  type AgreementDeadline,
  type AgreementsDashboard,
  type ApprovalTodo,
  agreementsDashboard,
  type RoadmapActionDue,
} from './dashboard.js';
export { agreementsModule } from './routes.js';
