import { type FormEvent, useEffect, useState } from 'react';
import { errorCode, errorsFromServer } from '../forms/form-errors';
import { useSchemasSoon } from '../forms/load-schemas';
import { FormAlert, focusField, TextField } from '../forms/text-field';
import { formText, useForm } from '../forms/use-form';
import { trpc } from '../trpc';
import { BusyButton } from '../ui/busy-button';
import { ChangedMeanwhile } from './changed-meanwhile';
import type { EntryView } from './entry-types';

const FIELDS = ['title', 'body'] as const;

export type EntryFormMode = 'save' | 'propose';

interface EntryFormProps {
  /** `save` changes the entry at once (power); `propose` sends it for review. */
  mode: EntryFormMode;
  /** The entry being edited; none for a new one. */
  entry?: EntryView;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function EntryForm({ mode, entry, onDone, onCancel }: EntryFormProps) {
  const { formRef, errors, show, clear, sendChecked } = useForm(FIELDS);
  const utils = trpc.useUtils();
  // The version the form was opened with is what the edit is based on, even when the list behind
  // it refreshes meanwhile: a change the person never saw must not pass as seen. Only once the
  // current text is shown to them (after a CONFLICT) does the edit move on to its version.
  const [baseVersion, setBaseVersion] = useState(entry?.version);
  const [current, setCurrent] = useState<EntryView | null>(null);
  async function onError(error: unknown) {
    if (!entry || errorCode(error) !== 'CONFLICT') return show(errorsFromServer(error, FIELDS));
    void utils.entries.list.invalidate();
    try {
      const { entry: now } = await utils.entries.get.fetch({ id: entry.id }, { staleTime: 0 });
      clear();
      setCurrent(now);
      setBaseVersion(now.version);
    } catch (fetchError) {
      // Deleted meanwhile, or offline: the server's sentence is the best there is.
      show(errorsFromServer(fetchError, FIELDS));
    }
  }
  const save = trpc.entries.save.useMutation({
    onSuccess: async ({ entry: saved }) => {
      await utils.entries.list.invalidate();
      onDone(entry ? `Saved “${saved.title}”.` : `Added “${saved.title}”.`);
    },
    onError: (error) => void onError(error),
  });
  const propose = trpc.entries.propose.useMutation({
    onSuccess: async () => {
      await Promise.all([
        utils.entries.proposals.invalidate(),
        utils.entries.myProposals.invalidate(),
      ]);
      onDone('Your proposal was sent for review. An editor will accept or reject it.');
    },
    onError: (error) => void onError(error),
  });
  const busy = save.isPending || propose.isPending;

  useSchemasSoon();
  // The form opens because the person asked for it: let them type at once.
  useEffect(() => focusField(formRef.current, 'title'), [formRef]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const content = formText(data, FIELDS);
    if (mode === 'save') {
      const target = entry ? { id: entry.id, baseVersion } : {};
      await sendChecked(
        (schemas) => schemas.saveEntryInput.safeParse({ ...content, ...target }),
        save.mutate,
      );
    } else {
      const target = entry ? { entryId: entry.id, baseVersion } : {};
      await sendChecked(
        (schemas) => schemas.proposeInput.safeParse({ ...content, ...target }),
        propose.mutate,
      );
    }
  }

  const action = mode === 'save' ? (entry ? 'Save changes' : 'Add entry') : 'Send for review';
  return (
    <form
      ref={formRef}
      onSubmit={(event) => void submit(event)}
      noValidate
      className="form entry-form"
    >
      <FormAlert message={errors.form} />
      {current ? <ChangedMeanwhile current={current} /> : null}
      <TextField
        label="Title"
        name="title"
        defaultValue={entry?.title}
        errors={errors.fields.title}
      />
      <TextField
        multiline
        label="Text"
        name="body"
        rows={6}
        defaultValue={entry?.body}
        errors={errors.fields.body}
      />
      <div className="actions">
        <BusyButton type="submit" busy={busy} busyLabel="Sending…">
          {action}
        </BusyButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
