import type { ReactNode } from 'react';

interface ScrollTableProps {
  /** The region's name, e.g. "Users". */
  label: string;
  /** Set while the rows are being fetched again, so assistive technology hears they may change. */
  busy: boolean;
  /** The column headings: `<th scope="col">` cells. */
  columns: ReactNode;
  /** The rows. */
  children: ReactNode;
}

/**
 * A wide table in a region that scrolls sideways on a narrow screen. The region is focusable so
 * that keyboard users can scroll it too.
 */
export function ScrollTable({ label, busy, columns, children }: ScrollTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      <table className="table" aria-busy={busy}>
        <thead>
          <tr>{columns}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
