import type { ButtonHTMLAttributes } from 'react';

export interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy: boolean;
  /** Shown while busy, e.g. "Creating account…". */
  busyLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
}

/**
 * A button that shows progress. It stays focusable while busy (aria-disabled rather than disabled,
 * which would drop focus to the page) and ignores clicks until the call ends.
 */
export function BusyButton({
  busy,
  busyLabel,
  variant = 'primary',
  children,
  onClick,
  className,
  ...rest
}: BusyButtonProps) {
  return (
    <button
      {...rest}
      className={`button button-${variant}${className ? ` ${className}` : ''}`}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
