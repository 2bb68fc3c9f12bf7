import { type RefObject, useCallback, useEffect, useRef } from 'react';

/**
 * Focuses `ref` after the next render, e.g. the button that opened a form once the form closes:
 * keyboard and screen reader users stay where they were instead of landing at the top of the page.
 * Call the returned function together with the state change that brings the element back.
 */
export function useReturnFocus(ref: RefObject<HTMLElement | null>): () => void {
  const armed = useRef(false);
  useEffect(() => {
    if (armed.current && ref.current) {
      armed.current = false;
      ref.current.focus();
    }
  });
  return useCallback(() => {
    armed.current = true;
  }, []);
}
