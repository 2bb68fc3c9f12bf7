import type { ReactNode } from 'react';
import { errorsFromServer } from '../forms/form-errors';
import { FormAlert } from '../forms/text-field';

export function Loading({ label }: { label: string }) {
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** What a failed call means for the reader, in the server's words when it gave any. */
export function describeError(error: unknown): string {
  return errorsFromServer(error, []).form ?? 'Something went wrong.';
}

export function ErrorState({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{title}</strong> {describeError(error)}
      </p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  /** An infinite query's: only its next page failed. */
  isFetchNextPageError?: boolean;
}

interface QueryStatesProps {
  query: QueryLike;
  /** What is loading, e.g. "Loading users…". */
  loading: string;
  /** The title of the failure, e.g. "The users could not be loaded.". */
  failure: string;
  /** Whether to show the failure; by default when the query failed, but not when only its next page did (its rows still show). */
  failed?: boolean;
  /** Shown instead of the children when set: the data arrived and holds nothing. */
  empty?: ReactNode;
  children: ReactNode;
}

/** A query's loading, failure (with a retry) and empty states, or the children once it has data. */
export function QueryStates({
  query,
  loading,
  failure,
  failed = query.isError && !query.isFetchNextPageError,
  empty,
  children,
}: QueryStatesProps) {
  if (query.isPending) return <Loading label={loading} />;
  if (failed) {
    return <ErrorState title={failure} error={query.error} onRetry={() => void query.refetch()} />;
  }
  return empty ? <Empty>{empty}</Empty> : children;
}

/** A failed action's reason, in the server's words, announced; nothing while there is none. */
export function ErrorAlert({ error }: { error: unknown }) {
  return <FormAlert message={error ? describeError(error) : null} />;
}
