/** The notifications the rest of the server queues; each lives in its own module. */
export { notifyRequestDecision, type RequestDecision } from './decision.js';
export {
  adminRecipients,
  levelRequestRows,
  type NotifyResult,
  notifyAdminsOfLevelRequest,
} from './level-request.js';
export { notifyProposalOutcome } from './proposal-outcome.js';
