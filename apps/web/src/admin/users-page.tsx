import { LEVELS, type Level } from '@rolegate/core';
import { keepPreviousData } from '@tanstack/react-query';
import { Link } from 'wouter';
import { levelLabel } from '../access/level-options';
import { trpc } from '../trpc';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/page-heading';
import { ScrollTable } from '../ui/scroll-table';
import { ShowMoreButton } from '../ui/show-more-button';
import { QueryStates } from '../ui/states';
import { FilterSelect, Filters, SearchBox, useFilterParam } from './list-filters';

export const USERS_PAGE_SIZE = 50;

const ROLE_OPTIONS = [
  ['', 'Every level'],
  ...LEVELS.map((level) => [level, levelLabel(level)] as const),
] as const;

export function UsersPage() {
  const [q] = useFilterParam('q');
  const [roleParam] = useFilterParam('role');
  const role: Level | undefined = LEVELS.find((level) => level === roleParam);
  const users = trpc.admin.users.useInfiniteQuery(
    { q: q === '' ? undefined : q, role, limit: USERS_PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      // A new search keeps the old rows on screen until its answer arrives: no flash of "Loading".
      placeholderData: keepPreviousData,
    },
  );
  const list = users.data?.pages.flatMap((page) => page.users) ?? [];
  return (
    <>
      <PageHeading title="Users" />
      <Filters>
        <SearchBox label="Search by name or email" />
        <FilterSelect name="role" label="Level" options={ROLE_OPTIONS} />
      </Filters>
      <QueryStates
        query={users}
        loading="Loading users…"
        failure="The users could not be loaded."
        empty={
          list.length > 0
            ? null
            : q || role
              ? 'Nobody matches this search.'
              : 'Nobody has signed up yet.'
        }
      >
        <ScrollTable
          label="Users"
          busy={users.isFetching}
          columns={
            <>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Level</th>
              <th scope="col">Request</th>
              <th scope="col" className="when">
                Joined
              </th>
            </>
          }
        >
          {list.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <Link href={`/users/${user.id}`}>{user.name}</Link>
              </th>
              <td>{user.email}</td>
              <td>
                <span className="badge">{levelLabel(user.role)}</span>
                {user.isAdmin ? <span className="badge badge-admin">Admin</span> : null}
              </td>
              <td>
                {user.pendingRequestId && user.requestedRole ? (
                  <Link href={`/requests/${user.pendingRequestId}`}>
                    {levelLabel(user.requestedRole)}, waiting
                  </Link>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td className="when">{formatDateTime(user.createdAt)}</td>
            </tr>
          ))}
        </ScrollTable>
        <ShowMoreButton query={users}>Show more people</ShowMoreButton>
      </QueryStates>
    </>
  );
}
