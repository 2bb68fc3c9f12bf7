import type { Level } from '@rolegate/core';
import { useRef, useState } from 'react';
import { type EntryActions, entryActionsFor } from '../access/visible-actions';
import { trpc } from '../trpc';
import { DoneNotice } from '../ui/done-notice';
import { ShowMoreButton } from '../ui/show-more-button';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useReturnFocus } from '../ui/use-return-focus';
import { EntryCard } from './entry-card';
import { EntryForm } from './entry-form';

const PAGE_SIZE = 20;

export function EntriesSection({ role }: { role: Level }) {
  const actions = entryActionsFor(role);
  const [composing, setComposing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useReturnFocus(newButton);
  const canCreate = actions.write || actions.propose;

  function closeComposer() {
    setComposing(false);
    returnFocus();
  }

  return (
    <section className="section" aria-labelledby="entries-heading">
      <div className="section-head">
        <h2 id="entries-heading">Entries</h2>
        {canCreate && !composing ? (
          <button
            ref={newButton}
            type="button"
            className="button button-primary"
            onClick={() => {
              setFlash(null);
              setComposing(true);
            }}
          >
            {actions.write ? 'New entry' : 'Propose a new entry'}
          </button>
        ) : null}
      </div>
      <DoneNotice message={flash} />
      {composing ? (
        <div className="card">
          <h3>{actions.write ? 'New entry' : 'Propose a new entry'}</h3>
          <EntryForm
            mode={actions.write ? 'save' : 'propose'}
            onDone={(message) => {
              setFlash(message);
              closeComposer();
            }}
            onCancel={closeComposer}
          />
        </div>
      ) : null}
      <EntriesList actions={actions} onDone={setFlash} />
    </section>
  );
}

/**
 * Every page shown so far, as one infinite query: react-query keeps the pages together and
 * refetches them all, in order, when a change invalidates entries.list.
 */
function EntriesList({
  actions,
  onDone,
}: {
  actions: EntryActions;
  onDone: (message: string) => void;
}) {
  const list = trpc.entries.list.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  );
  if (list.isPending) return <Loading label="Loading entries…" />;
  if (list.isError && !list.isFetchNextPageError) {
    return (
      <ErrorState
        title="The entries could not be loaded."
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  const entries = list.data?.pages.flatMap((page) => page.entries) ?? [];
  if (entries.length === 0) {
    return (
      <Empty>
        No entries yet.
        {actions.write ? ' Add the first one.' : actions.propose ? ' Propose the first one.' : ''}
      </Empty>
    );
  }
  return (
    <>
      <ul className="card-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} actions={actions} onDone={onDone} />
          </li>
        ))}
      </ul>
      {list.isFetchNextPageError ? (
        <ErrorState
          title="More entries could not be loaded."
          error={list.error}
          onRetry={() => void list.fetchNextPage()}
        />
      ) : (
        <ShowMoreButton query={list}>Show more entries</ShowMoreButton>
      )}
    </>
  );
}
