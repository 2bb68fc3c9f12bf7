import type { PublicUser } from '@rolegate/core';
import { entryActionsFor } from '../access/visible-actions';
import type { Decision } from '../session/session-watch';
import { PageHeading } from '../ui/page-heading';
import { DecisionNotice } from './decision-notice';
import { EntriesSection } from './entries-section';
import { LevelSummary } from './level-summary';
import { MyProposalsSection } from './my-proposals-section';
import { PendingBanner } from './pending-banner';
import { ProposalsSection } from './proposals-section';

interface DashboardPageProps {
  user: PublicUser;
  decision: Decision | null;
  onDismiss: () => void;
}

/** Everything on it follows from the level in force, read through the access table. */
export function DashboardPage({ user, decision, onDismiss }: DashboardPageProps) {
  const actions = entryActionsFor(user.role);
  return (
    <div className="dashboard">
      <PageHeading title="Dashboard">Hello, {user.name}</PageHeading>
      <DecisionNotice decision={decision} role={user.role} onDismiss={onDismiss} />
      <PendingBanner user={user} />
      <LevelSummary user={user} />
      {actions.review ? <ProposalsSection userId={user.id} /> : null}
      {actions.read ? <EntriesSection role={user.role} /> : null}
      {actions.propose ? <MyProposalsSection /> : null}
    </div>
  );
}
