import type { ReactNode } from 'react';
import { type PagedQuery, ShowMoreButton } from './show-more-button';
import { type QueryLike, QueryStates } from './states';

interface CardListProps<Item extends { id: string }> {
  query: QueryLike;
  items: readonly Item[];
  /** What is loading, e.g. "Loading messages…". */
  loading: string;
  /** The title of the failure, e.g. "The messages could not be loaded.". */
  failure: string;
  /** Said when the query holds nothing. */
  empty: string;
  /** A paged query's button for its next page, and what the button says. */
  more?: { query: PagedQuery; label: string };
  children: (item: Item) => ReactNode;
}

/** A query's items as a list of cards, after its loading, failure and empty states. */
export function CardList<Item extends { id: string }>({
  query,
  items,
  loading,
  failure,
  empty,
  more,
  children,
}: CardListProps<Item>) {
  return (
    <QueryStates
      query={query}
      loading={loading}
      failure={failure}
      empty={items.length === 0 ? empty : null}
    >
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.id}>{children(item)}</li>
        ))}
      </ul>
      {more ? <ShowMoreButton query={more.query}>{more.label}</ShowMoreButton> : null}
    </QueryStates>
  );
}
