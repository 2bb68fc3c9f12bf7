import { useState } from 'react';
import { retryAfterSeconds } from '../forms/form-errors';
import { trpc } from '../trpc';
import { describeWait, formatCountdown } from '../ui/cooldown';
import { describeError } from '../ui/states';
import { useCooldown } from '../ui/use-cooldown';

/** After a link went out, a short wait before the next: a second click is rarely a lost mail. */
export const RESEND_WAIT_SECONDS = 60;

interface Outcome {
  kind: 'success' | 'danger';
  text: string;
}

/**
 * "Send the link again", with the wait before the next one counting down on the button: a minute
 * after a link went out, or as long as the server's TOO_MANY_REQUESTS answer says.
 */
export function ResendLinkButton({ email }: { email: string }) {
  const cooldown = useCooldown();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resend = trpc.auth.resendVerification.useMutation({
    onSuccess: () => {
      cooldown.start(RESEND_WAIT_SECONDS);
      setOutcome({
        kind: 'success',
        text: `We sent a new link to ${email}. You can ask for another in ${describeWait(RESEND_WAIT_SECONDS)}.`,
      });
    },
    onError: (error) => {
      const wait = retryAfterSeconds(error);
      if (wait !== null) cooldown.start(wait);
      setOutcome({ kind: 'danger', text: describeError(error) });
    },
  });
  const unavailable = resend.isPending || cooldown.left > 0;

  return (
    <div className="resend">
      <div aria-live="polite">
        {outcome ? <p className={`notice notice-${outcome.kind}`}>{outcome.text}</p> : null}
      </div>
      {/* aria-disabled, not disabled: the button keeps focus while it waits or counts down. */}
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={unavailable || undefined}
        onClick={() => {
          if (unavailable) return;
          setOutcome(null);
          resend.mutate();
        }}
      >
        {resend.isPending
          ? 'Sending…'
          : cooldown.left > 0
            ? `Send the link again in ${formatCountdown(cooldown.left)}`
            : 'Send the link again'}
      </button>
    </div>
  );
}
