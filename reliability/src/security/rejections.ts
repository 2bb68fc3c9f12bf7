/**
 * What "rejected properly" means for one raw answer: never a 5xx, every item a typed tRPC error in
 * the 4xx family (or a result), the HTTP status agreeing with it, and a BAD_REQUEST from validation
 * naming each field it complains about, in `fieldErrors` and in the message.
 */
import { describe, type Outcome, type TrpcError, type WireResponse } from './wire.js';

export interface RejectionRules {
  /** Fields that may be named: the procedure's own and whatever keys the client sent. */
  knownFields?: readonly string[];
  /** The body was well-formed JSON, so a BAD_REQUEST must come from validation with fieldErrors. */
  requireFieldErrors?: boolean;
}

/** Throws with the answer in the message when it breaks a rule; returns the error codes seen. */
export function checkAnswer(response: WireResponse, rules: RejectionRules = {}): string[] {
  if (response.status >= 500) throw new Error(`a 5xx answer: ${describe(response)}`);
  // Node refuses a request line over its 16 KB header limit before any code of the app runs (a
  // huge GET input=): the one refusal that cannot be in tRPC's shape, and it parsed nothing.
  if (response.status === 431) return ['HTTP 431'];
  return response.outcomes.map((outcome) => checkOutcome(response, outcome, rules));
}

function checkOutcome(response: WireResponse, outcome: Outcome, rules: RejectionRules): string {
  if (outcome.kind === 'untyped') {
    throw new Error(`not a typed tRPC answer: ${describe(response)}`);
  }
  if (outcome.kind === 'result') return 'ok';
  const { error } = outcome;
  const { httpStatus, code } = error.data;
  if (httpStatus < 400 || httpStatus >= 500) {
    throw new Error(`${code} has httpStatus ${httpStatus}, outside 4xx: ${describe(response)}`);
  }
  // A single call's HTTP status is its error's; a batch answers 207 when its items differ.
  if (response.outcomes.length === 1 && !Array.isArray(response.json)) {
    if (response.status !== httpStatus) {
      throw new Error(`HTTP ${response.status} for a ${httpStatus} error: ${describe(response)}`);
    }
  }
  if (code === 'BAD_REQUEST') checkFieldNaming(error, response, rules);
  return code;
}

function checkFieldNaming(error: TrpcError, response: WireResponse, rules: RejectionRules): void {
  const { fieldErrors } = error.data;
  if (fieldErrors === null) {
    if (rules.requireFieldErrors) {
      throw new Error(`BAD_REQUEST without fieldErrors: ${describe(response)}`);
    }
    return;
  }
  const allowed = new Set(['input', ...(rules.knownFields ?? [])]);
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const root = field.split('.')[0] ?? field;
    if (rules.knownFields && !allowed.has(root)) {
      throw new Error(`fieldErrors names '${field}', which was not sent: ${describe(response)}`);
    }
    if (messages.length === 0 || messages.some((message) => message.trim() === '')) {
      throw new Error(`fieldErrors.${field} has an empty message: ${describe(response)}`);
    }
    if (!error.message.includes(field)) {
      throw new Error(`the message does not name '${field}': ${describe(response)}`);
    }
  }
}

/** Whether any item of the answer succeeded (then the database may rightly have changed). */
export function anySucceeded(response: WireResponse): boolean {
  return response.outcomes.some((outcome) => outcome.kind === 'result');
}

/** Counts codes into a tally, for the results table. */
export function tally(into: Map<string, number>, codes: readonly string[]): void {
  for (const code of codes) into.set(code, (into.get(code) ?? 0) + 1);
}

export function formatTally(counts: Map<string, number>): string {
  return [...counts]
    .sort(([, a], [, b]) => b - a)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
}
