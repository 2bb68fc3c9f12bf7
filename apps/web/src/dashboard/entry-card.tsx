import { type Ref, useId, useRef, useState } from 'react';
import type { EntryActions } from '../access/visible-actions';
import { errorCode } from '../forms/form-errors';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { formatDateTime } from '../ui/format';
import { ErrorAlert } from '../ui/states';
import { useReturnFocus } from '../ui/use-return-focus';
import { EntryForm } from './entry-form';
import type { EntryView } from './entry-types';

type Mode = 'view' | 'edit' | 'propose' | 'confirm-delete';

interface EntryCardProps {
  entry: EntryView;
  actions: EntryActions;
  onDone: (message: string) => void;
}

export function EntryCard({ entry, actions, onDone }: EntryCardProps) {
  const titleId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const firstAction = useRef<HTMLButtonElement>(null);
  const returnFocus = useReturnFocus(firstAction);
  const utils = trpc.useUtils();
  const remove = trpc.entries.delete.useMutation({
    onSuccess: async ({ withdrawnProposals }) => {
      await Promise.all([utils.entries.list.invalidate(), utils.entries.proposals.invalidate()]);
      const closed =
        withdrawnProposals === 0
          ? ''
          : ` ${withdrawnProposals === 1 ? 'Its open proposal was' : `Its ${withdrawnProposals} open proposals were`} closed and the authors told.`;
      onDone(`Deleted “${entry.title}”.${closed}`);
    },
    // Changed since the person looked: the card shows the current text once the list is back,
    // and the delete button deletes that version.
    onError: (error) => {
      if (errorCode(error) === 'CONFLICT') void utils.entries.list.invalidate();
    },
  });

  // Back to the card's first button, so keyboard users do not restart from the top of the page.
  function close() {
    setMode('view');
    remove.reset();
    returnFocus();
  }

  const author = entry.updatedBy ?? entry.createdBy;
  return (
    <article className="card entry" aria-labelledby={titleId}>
      <h3 id={titleId}>{entry.title}</h3>
      <p className="meta">
        Updated {formatDateTime(entry.updatedAt)}
        {author ? ` by ${author.name}` : ''}
      </p>
      {mode === 'edit' || mode === 'propose' ? (
        <EntryForm
          mode={mode === 'edit' ? 'save' : 'propose'}
          entry={entry}
          onDone={(message) => {
            onDone(message);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <div className="entry-body">{entry.body}</div>
      )}
      {mode === 'confirm-delete' ? (
        <div className="confirm">
          <p>Delete “{entry.title}” for everyone? This cannot be undone.</p>
          <ErrorAlert error={remove.error} />
          <div className="actions">
            <BusyButton
              type="button"
              variant="danger"
              busy={remove.isPending}
              busyLabel="Deleting…"
              onClick={() => remove.mutate({ id: entry.id, baseVersion: entry.version })}
            >
              Delete entry
            </BusyButton>
            <button type="button" className="button button-secondary" onClick={close}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'view' ? (
        <div className="actions">
          {/* The first button takes the focus back when a form on the card closes. */}
          {actions.write ? (
            <>
              <ModeButton
                ref={firstAction}
                label="Edit"
                entryTitle={entry.title}
                onClick={() => setMode('edit')}
              />
              <ModeButton
                label="Delete"
                entryTitle={entry.title}
                look="danger-quiet"
                onClick={() => setMode('confirm-delete')}
              />
            </>
          ) : null}
          {actions.propose ? (
            <ModeButton
              ref={firstAction}
              label="Propose an edit"
              entryTitle={entry.title}
              accessibleName={`Propose an edit to ${entry.title}`}
              onClick={() => setMode('propose')}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/** A button on the card that opens one of its modes; its accessible name says which entry. */
function ModeButton({
  ref,
  label,
  entryTitle,
  accessibleName = `${label} ${entryTitle}`,
  look = 'secondary',
  onClick,
}: {
  ref?: Ref<HTMLButtonElement>;
  label: string;
  entryTitle: string;
  accessibleName?: string;
  look?: 'secondary' | 'danger-quiet';
  onClick: () => void;
}) {
  return (
    <button
      ref={ref}
      type="button"
      className={`button button-${look}`}
      aria-label={accessibleName}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
