import { formatDateTime } from '../ui/format';
import type { EntryView } from './entry-types';

/**
 * The entry as someone else left it while this person was editing: shown above their own text,
 * which stays in the form, so they can compare the two and redo their change on the current one.
 */
export function ChangedMeanwhile({ current }: { current: EntryView }) {
  const who = current.updatedBy?.name ?? 'Someone';
  return (
    <section className="changed-meanwhile" aria-label="The entry as it is now">
      <p className="form-alert" role="alert">
        {who} changed this entry on {formatDateTime(current.updatedAt)}, while you were editing it,
        so your change was not sent. Their version is below; your text is still in the form. Change
        it as you need, then send it again.
      </p>
      <h4>Now: “{current.title}”</h4>
      <div className="entry-body">{current.body}</div>
    </section>
  );
}
