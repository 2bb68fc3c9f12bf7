/** The audit log's actions in words (the server writes them as `<subject>.<verb>`). */
export const AUDIT_ACTION_WORDS: Readonly<Record<string, string>> = {
  'level_request.approved': 'Approved a level request',
  'level_request.denied': 'Denied a level request',
  'level_request.withdrawn': 'Withdrew a level request',
  'user.level_set': 'Set a level',
  'user.level_expired': 'A time-limited level ended',
  'user.level_granted_at_once': 'Got a level at once on asking',
  'user.admin_granted': 'Made an admin',
  'user.admin_removed': 'Removed an admin',
  'user.admin_created': 'Created the admin account',
  'user.made_admin': 'Made an admin at start-up',
  'entry.created': 'Created an entry',
  'entry.updated': 'Edited an entry',
  'entry.deleted': 'Deleted an entry',
  'entry_proposal.accepted': 'Accepted a proposal',
  'entry_proposal.rejected': 'Rejected a proposal',
  'entry_proposal.withdrawn': 'Closed a proposal',
};

export function auditActionWords(action: string): string {
  return AUDIT_ACTION_WORDS[action] ?? action;
}

/** The action filter's choices: every action by its words, after "every action". */
export const AUDIT_ACTION_OPTIONS = [
  ['', 'Every action'],
  ...Object.entries(AUDIT_ACTION_WORDS),
] as const;
