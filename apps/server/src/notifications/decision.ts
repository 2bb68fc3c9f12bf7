import type { Executor } from '@rolegate/db';
import type { AppConfig } from '../env.js';
import { type DecisionFacts, decisionContent } from './decision-content.js';
import { queueNotification } from './message.js';

export type { RequestDecision } from './decision-content.js';

/**
 * Queues the decision for the person who asked: "You now have power access", or the denial with
 * the admin's reason. Runs in the deciding transaction; key `level-request:<id>:decision`, so a
 * request's decision is mailed once.
 */
export async function notifyRequestDecision(
  db: Executor,
  config: Pick<AppConfig, 'appUrl' | 'mail'>,
  facts: DecisionFacts,
): Promise<boolean> {
  return queueNotification(db, config.mail, {
    idempotencyKey: `level-request:${facts.request.id}:decision`,
    to: [{ name: facts.user.name, email: facts.user.email }],
    content: decisionContent(facts, { appUrl: config.appUrl }),
  });
}
