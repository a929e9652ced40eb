import { useState, type FormEvent } from 'react';
import { useAction } from '../api/use-action.js';
import { useLiveReload } from '../api/use-live-reload.js';
import { useQuery } from '../api/use-query.js';
import type { AuditLogFilter } from '../gql/graphql.js';
import { useOrganization } from '../layout/organization-context.js';
import { ErrorMessage, Loading, QueryErrors } from '../ui/messages.js';
import { downloadText } from '../download/download-text.js';
import { PageButtons, useCursorPages } from '../ui/cursor-pages.js';
import { auditLogJsonLines } from './audit-log-download.js';
import { AuditLogEntriesSubscription, AuditLogPageQuery } from './audit-log-query.js';
import { Field } from '../ui/field.js';
import { userIdOf } from '../api/find-user.js';

const pageSize = 20;

/** The filter form's fields: an action, who acted and on whom (by login), and a time range. */
interface FilterFields {
  readonly action: string;
  readonly actor: string;
  readonly target: string;
  readonly since: string;
  readonly until: string;
}

/** The filter form's fields as the API's filter: empty fields left out, logins turned into ids (the API's sentence for an unknown one). */
async function filterOf(fields: FilterFields): Promise<AuditLogFilter> {
  const [actorId, targetUserId] = await Promise.all(
    [fields.actor, fields.target].map((login) => (login.trim() ? userIdOf(login) : Promise.resolve(undefined))),
  );
  return {
    ...(fields.action.trim() ? { action: fields.action.trim() } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetUserId ? { targetUserId } : {}),
    ...(fields.since ? { since: fields.since } : {}),
    ...(fields.until ? { until: fields.until } : {}),
  };
}

/** The audit log (`read_audit_log`): filters, newest first, a page at a time, and everything matching as JSON Lines. */
export function AuditLogPage() {
  const organization = useOrganization();
  const [fields, setFields] = useState<FilterFields>({ action: '', actor: '', target: '', since: '', until: '' });
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const pages = useCursorPages();
  const { data, errors, loading, reload } = useQuery(AuditLogPageQuery, {
    login: organization.login,
    first: pageSize,
    after: pages.after,
    filter,
  });
  // The log scrolls as things happen: each new entry reads the page again (the first page; a later one keeps its place).
  useLiveReload(AuditLogEntriesSubscription, { organizationId: organization.id }, reload);
  const downloading = useAction();
  const filtering = useAction();
  const log = data?.organization?.auditLog;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void filtering.run(async () => {
      setFilter(await filterOf(fields));
      pages.reset();
    });
  };
  const download = () =>
    void downloading.run(async () => {
      downloadText(`${organization.login}-audit-log.jsonl`, await auditLogJsonLines(organization.login, filter), 'application/jsonl');
    });
  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
  });
  return (
    <section aria-labelledby="audit-log-heading">
      <h1 id="audit-log-heading">Audit log</h1>
      <form onSubmit={apply} className="inline-form" aria-label="Filter the audit log">
        <Field label="Action">{(id) => <input id={id} placeholder="membership.added" {...field('action')} />}</Field>
        <Field label="By">{(id) => <input id={id} placeholder="login" {...field('actor')} />}</Field>
        <Field label="Whom">{(id) => <input id={id} placeholder="login" {...field('target')} />}</Field>
        <Field label="Since">{(id) => <input id={id} type="date" {...field('since')} />}</Field>
        <Field label="Before">{(id) => <input id={id} type="date" {...field('until')} />}</Field>
        <button type="submit" disabled={filtering.pending}>
          Apply filters
        </button>
      </form>
      <ErrorMessage>{filtering.error}</ErrorMessage>
      <div className="row-controls">
        <button type="button" onClick={download} disabled={downloading.pending}>
          Download JSON Lines
        </button>
      </div>
      <ErrorMessage>{downloading.error}</ErrorMessage>
      <QueryErrors errors={errors} />
      {loading && !log && <Loading />}
      {log && (
        <>
          {/* While another page or filter loads, the rows shown are the previous answer's: the caption says so. */}
          <table aria-busy={loading}>
            <caption>{loading ? `Loading page ${pages.page}…` : `${log.totalCount} entries, newest first (page ${pages.page})`}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Whom</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {log.nodes.map((entry) => (
                <tr key={entry.id}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td>{entry.action}</td>
                  <td>{entry.actor?.login ?? '—'}</td>
                  <td>{entry.targetUser?.login ?? '—'}</td>
                  <td className="change">
                    {entry.before && <code>before: {entry.before}</code>}
                    {entry.after && <code>after: {entry.after}</code>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageButtons pages={pages} pageInfo={log.pageInfo} />
        </>
      )}
    </section>
  );
}
