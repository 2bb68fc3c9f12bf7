import { Link } from 'wouter';
import { levelLabel } from '../access/level-options';
import { trpc } from '../trpc';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/page-heading';
import { QueryStates } from '../ui/states';

export function UsersPage() {
  const users = trpc.admin.users.useQuery();
  const list = users.data?.users ?? [];
  return (
    <>
      <PageHeading title="Users" />
      <QueryStates
        query={users}
        loading="Loading users…"
        failure="The users could not be loaded."
        empty={list.length === 0 ? 'Nobody has signed up yet.' : null}
      >
        {/* Focusable so keyboard users can scroll it sideways on a narrow screen. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
        <section className="table-scroll" aria-label="Users" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Level</th>
                <th scope="col">Request</th>
                <th scope="col" className="when">
                  Joined
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
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
            </tbody>
          </table>
        </section>
      </QueryStates>
    </>
  );
}
