import type { PublicUser } from '@rolegate/core';
import { useEffect } from 'react';
import { entryActionsFor } from '../access/visible-actions';
import type { Decision } from '../session/session-watch';
import { trpc } from '../trpc';
import { PageHeading } from '../ui/page-heading';
import { AddressConfirmedNotice } from './address-confirmed-notice';
import { DecisionNotice } from './decision-notice';
import { EntriesSection } from './entries-section';
import { useLatestDecision } from './latest-decision';
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
  const { latest, dismiss } = useLatestDecision(user);
  const utils = trpc.useUtils();
  // A decision just seen happen: fetch it, with the admin's reason, to show beside it.
  useEffect(() => {
    if (decision) void utils.account.requests.invalidate();
  }, [decision, utils]);
  return (
    <div className="dashboard">
      <PageHeading title="Dashboard">Hello, {user.name}</PageHeading>
      <AddressConfirmedNotice />
      <DecisionNotice
        live={decision}
        latest={latest}
        role={user.role}
        onDismiss={() => {
          onDismiss();
          dismiss();
        }}
      />
      <PendingBanner user={user} />
      <LevelSummary user={user} />
      {actions.review ? <ProposalsSection userId={user.id} /> : null}
      {actions.read ? <EntriesSection role={user.role} /> : null}
      {actions.propose ? <MyProposalsSection /> : null}
    </div>
  );
}
