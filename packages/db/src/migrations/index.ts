/**
 * Every migration, by name, in one static map: it survives bundling and runs from dist, which a
 * FileMigrationProvider reading a folder at run time would not. Add new files here too.
 * Names sort in the order they run.
 */
import type { Migration } from 'kysely/migration';
import * as users from './2026_11_26_0001_users.js';
import * as levelRequests from './2026_11_26_0002_level_requests.js';
import * as sessions from './2026_11_26_0003_sessions.js';
import * as mailOutbox from './2026_11_26_0004_mail_outbox.js';
import * as auditLog from './2026_11_26_0005_audit_log.js';
import * as rateLimits from './2026_11_26_0006_rate_limits.js';
import * as entries from './2026_11_26_0007_entries.js';
import * as entryProposals from './2026_11_26_0008_entry_proposals.js';
import * as entryVersions from './2026_11_26_0009_entry_versions.js';
import * as emailVerification from './2026_12_04_0010_email_verification.js';
import * as sessionDetails from './2026_12_04_0011_session_details.js';
import * as proposalOutcomes from './2026_12_04_0020_proposal_outcomes.js';
import * as outboxMailer from './2026_12_04_0030_outbox_mailer.js';
import * as decisionLinks from './2026_12_04_0040_decision_links.js';
import * as levelGrants from './2026_12_04_0060_level_grants.js';
import * as adminLists from './2026_12_04_0070_admin_lists.js';
import * as adminSearchIndex from './2026_12_04_0070_search_index.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '2026_11_26_0001_users': users,
  '2026_11_26_0002_level_requests': levelRequests,
  '2026_11_26_0003_sessions': sessions,
  '2026_11_26_0004_mail_outbox': mailOutbox,
  '2026_11_26_0005_audit_log': auditLog,
  '2026_11_26_0006_rate_limits': rateLimits,
  '2026_11_26_0007_entries': entries,
  '2026_11_26_0008_entry_proposals': entryProposals,
  '2026_11_26_0009_entry_versions': entryVersions,
  '2026_12_04_0010_email_verification': emailVerification,
  '2026_12_04_0011_session_details': sessionDetails,
  '2026_12_04_0020_proposal_outcomes': proposalOutcomes,
  '2026_12_04_0030_outbox_mailer': outboxMailer,
  '2026_12_04_0040_decision_links': decisionLinks,
  '2026_12_04_0060_level_grants': levelGrants,
  '2026_12_04_0070_admin_lists': adminLists,
  '2026_12_04_0070_search_index': adminSearchIndex,
};
