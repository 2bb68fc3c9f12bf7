import type { ReactNode } from 'react';

/**
 * What an action just did ("Approved …", "Saved."), in a live region so a screen reader says it; the
 * region stays in the page while empty, as live regions must, and `children` go beside the message.
 */
export function DoneNotice({
  message,
  children,
}: {
  message: string | null;
  children?: ReactNode;
}) {
  return (
    <div aria-live="polite">
      {message ? <p className="notice notice-success">{message}</p> : null}
      {children}
    </div>
  );
}
