import { trpc } from '../trpc';
import { MutationButton } from '../ui/mutation-button';
import { ErrorState } from '../ui/states';

/** Runs the same diagnosis as `rolegate mail check` and shows each step as a sentence with its fix. */
export function MailCheckPanel() {
  const check = trpc.admin.mailCheck.useMutation();
  const result = check.data;
  return (
    <section className="panel" aria-labelledby="mail-check-heading">
      <h2 id="mail-check-heading">Mail settings</h2>
      <p>
        Connects to the mail server with the configured settings, signs in and asks it to accept the
        sender and the admins as recipients, without sending anything.
      </p>
      <MutationButton mutation={check} busyLabel="Checking mail settings…">
        Check mail settings
      </MutationButton>
      <div aria-live="polite">
        {check.isError ? (
          <ErrorState title="The check could not run." error={check.error} />
        ) : result ? (
          <div className="diagnosis">
            <p className={`notice ${result.ok ? 'notice-success' : 'notice-danger'}`}>
              <strong>
                {result.ok
                  ? 'Mail settings work: messages can be delivered.'
                  : 'Mail cannot be delivered with these settings.'}
              </strong>
            </p>
            <ol className="findings">
              {result.findings.map((finding, index) => (
                <li
                  // Steps can repeat (one per server tried), so their order is the identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered.
                  key={index}
                  className={finding.ok ? 'finding-ok' : 'finding-failed'}
                >
                  <span className="finding-mark">{finding.ok ? 'Passed' : 'Failed'}</span>{' '}
                  <span className="finding-step">{finding.step}:</span> {finding.explanation}
                  {finding.fix ? <p className="finding-fix">Fix: {finding.fix}</p> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </section>
  );
}
