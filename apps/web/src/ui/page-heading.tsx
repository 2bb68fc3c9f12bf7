import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The page's h1. It takes focus when the page appears, so after a client-side navigation a screen
 * reader announces the new page and Tab starts from the top of it, as after a full page load.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Rolegate`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
