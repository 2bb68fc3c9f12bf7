/**
 * The filters above an admin list (search, status, level, action). They live in the URL's query
 * string, so a reload, the back button or a link shared with another admin shows the same list.
 */
import { SEARCH_MAX_LENGTH } from '@rolegate/core';
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'wouter';

/** How long typing pauses before the list follows the search box: one query, not one a key. */
export const SEARCH_DELAY_MS = 300;

/** The same parameters with `name` set to `value`, or without it when `value` is empty. */
export function withParam(params: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === '') next.delete(name);
  else next.set(name, value);
  return next;
}

/** One query-string parameter and a setter that replaces the history entry (filters are not pages). */
export function useFilterParam(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (value: string) => setParams((previous) => withParam(previous, name, value), { replace: true }),
    [setParams, name],
  );
  return [params.get(name) ?? '', set];
}

/** The search box: the URL's `q` follows what is typed after a short pause, or at once on Enter. */
export function SearchBox({ label, hint }: { label: string; hint?: string }) {
  const id = useId();
  const [q, setQ] = useFilterParam('q');
  const [text, setText] = useState(q);
  // The URL moved without the box (back button, a link): show its search. While typing, the box's
  // own text wins, trailing space included.
  useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, setQ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim());
  };
  return (
    <search className="filter-search">
      <form className="field" onSubmit={submit}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="search"
          name="q"
          value={text}
          maxLength={SEARCH_MAX_LENGTH}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
      </form>
    </search>
  );
}

/** A choice kept in the URL under `name`; the first option ('' value) is "no filter". */
export function FilterSelect({
  name,
  label,
  options,
}: {
  name: string;
  label: string;
  options: readonly (readonly [value: string, words: string])[];
}) {
  const id = useId();
  const [value, setValue] = useFilterParam(name);
  const known = options.some(([option]) => option === value);
  return (
    <div className="field filter-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => setValue(event.target.value)}>
        {/* A value from a link that is not in the list still shows as chosen. */}
        {known ? null : <option value={value}>{value}</option>}
        {options.map(([option, words]) => (
          <option key={option} value={option}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Filters({ children }: { children: ReactNode }) {
  return <div className="filters">{children}</div>;
}
