import { keepPreviousData } from '@tanstack/react-query';
import { Link } from 'wouter';
import { type RouterOutputs, trpc } from '../trpc';
import { formatDateTime } from '../ui/format';
import { PageHeading } from '../ui/page-heading';
import { ScrollTable } from '../ui/scroll-table';
import { ShowMoreButton } from '../ui/show-more-button';
import { QueryStates } from '../ui/states';
import { AUDIT_ACTION_OPTIONS, auditActionWords } from './audit-actions';
import { FilterSelect, Filters, useFilterParam } from './list-filters';

type AuditEntry = RouterOutputs['admin']['audit']['entries'][number];
type AuditPerson = NonNullable<AuditEntry['actor']>;

export const AUDIT_PAGE_SIZE = 50;
const FILTERS = ['action', 'actorId', 'subjectId'] as const;

/** The same filters as a query string, for the CSV download. */
export function auditCsvHref(filters: Record<(typeof FILTERS)[number], string>): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name] !== '') params.set(name, filters[name]);
  const search = params.toString();
  return `/admin/audit.csv${search ? `?${search}` : ''}`;
}

/** A person in the log, linking to everything they did (as actor) or that was done to them. */
function PersonLink({ person, as }: { person: AuditPerson | null; as: 'actorId' | 'subjectId' }) {
  if (person === null) return <span className="muted">{as === 'actorId' ? 'System' : '—'}</span>;
  return (
    <Link
      href={`/audit?${as}=${encodeURIComponent(person.id)}`}
      title={`${as === 'actorId' ? 'Everything by' : 'Everything about'} ${person.email}`}
    >
      {person.name}
    </Link>
  );
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** A filter that came from a link (a person): shown with a way to drop it. */
function ActiveFilter({
  label,
  name,
  onClear,
}: {
  label: string;
  name: string;
  onClear: () => void;
}) {
  return (
    <p className="active-filter">
      {label} <strong>{name}</strong>{' '}
      <button type="button" className="button button-secondary" onClick={onClear}>
        Show everyone
      </button>
    </p>
  );
}

export function AuditPage() {
  const [action] = useFilterParam('action');
  const [actorId, setActorId] = useFilterParam('actorId');
  const [subjectId, setSubjectId] = useFilterParam('subjectId');
  const audit = trpc.admin.audit.useInfiniteQuery(
    {
      action: action || undefined,
      actorId: actorId || undefined,
      subjectId: subjectId || undefined,
      limit: AUDIT_PAGE_SIZE,
    },
    { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
  );
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  const actorName = entries.find((entry) => entry.actor?.id === actorId)?.actor?.name ?? actorId;
  const subjectName =
    entries.find((entry) => entry.subject?.id === subjectId)?.subject?.name ?? subjectId;

  return (
    <>
      <PageHeading title="Audit log" />
      <Filters>
        <FilterSelect name="action" label="Action" options={AUDIT_ACTION_OPTIONS} />
        <a
          className="button button-secondary"
          href={auditCsvHref({ action, actorId, subjectId })}
          download
        >
          Download CSV
        </a>
      </Filters>
      {actorId ? <ActiveFilter label="By" name={actorName} onClear={() => setActorId('')} /> : null}
      {subjectId ? (
        <ActiveFilter label="About" name={subjectName} onClear={() => setSubjectId('')} />
      ) : null}
      <QueryStates
        query={audit}
        loading="Loading the audit log…"
        failure="The audit log could not be loaded."
        empty={entries.length === 0 ? 'Nothing in the log matches.' : null}
      >
        <ScrollTable
          label="Audit log"
          busy={audit.isFetching}
          columns={
            <>
              <th scope="col" className="when">
                When
              </th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">About</th>
              <th scope="col">Details</th>
            </>
          }
        >
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="when">{formatDateTime(entry.at)}</td>
              <td>
                <PersonLink person={entry.actor} as="actorId" />
              </td>
              <th scope="row">{auditActionWords(entry.action)}</th>
              <td>
                {entry.subject ? (
                  <PersonLink person={entry.subject} as="subjectId" />
                ) : (
                  <span className="muted">
                    {entry.subjectType} {entry.subjectId}
                  </span>
                )}
              </td>
              <td className="prewrap">{detailsText(entry.details)}</td>
            </tr>
          ))}
        </ScrollTable>
        <ShowMoreButton query={audit}>Show older entries</ShowMoreButton>
      </QueryStates>
    </>
  );
}
