import type { Level } from '@rolegate/core';
import { useRef, useState } from 'react';
import { type EntryActions, entryActionsFor } from '../access/visible-actions';
import { trpc } from '../trpc';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useReturnFocus } from '../ui/use-return-focus';
import { EntryCard } from './entry-card';
import { EntryForm } from './entry-form';

const PAGE_SIZE = 20;

export function EntriesSection({ role }: { role: Level }) {
  const actions = entryActionsFor(role);
  const [composing, setComposing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  // One cursor per page shown; `undefined` is the first page. (Not useInfiniteQuery: it adds a
  // `direction` key to the input, which entries.list's strict schema refuses.)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
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
      <div aria-live="polite">
        {flash ? <p className="notice notice-success">{flash}</p> : null}
      </div>
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
      {cursors.map((cursor, index) => (
        <EntriesPage
          key={cursor ?? 'first'}
          cursor={cursor}
          first={index === 0}
          last={index === cursors.length - 1}
          actions={actions}
          onDone={setFlash}
          onMore={(next) => setCursors((shown) => [...shown, next])}
        />
      ))}
    </section>
  );
}

interface EntriesPageProps {
  cursor: string | undefined;
  first: boolean;
  last: boolean;
  actions: EntryActions;
  onDone: (message: string) => void;
  onMore: (nextCursor: string) => void;
}

function EntriesPage({ cursor, first, last, actions, onDone, onMore }: EntriesPageProps) {
  const page = trpc.entries.list.useQuery(
    cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE },
  );
  if (page.isPending) return <Loading label={first ? 'Loading entries…' : 'Loading more…'} />;
  if (page.isError) {
    return (
      <ErrorState
        title="The entries could not be loaded."
        error={page.error}
        onRetry={() => void page.refetch()}
      />
    );
  }
  const { entries, nextCursor } = page.data;
  if (first && entries.length === 0) {
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
      {last && nextCursor ? (
        <button
          type="button"
          className="button button-secondary more"
          onClick={() => onMore(nextCursor)}
        >
          Show more entries
        </button>
      ) : null}
    </>
  );
}
