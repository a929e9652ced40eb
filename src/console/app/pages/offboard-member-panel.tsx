import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiFailure } from '../api/api-error.js';
import { mutate, useAction } from '../api/use-action.js';
import { useOrganization } from '../layout/organization-context.js';
import { Field } from '../ui/field.js';
import { DoneMessage, ErrorMessage, Loading } from '../ui/messages.js';
import { HeldAccessTable, type HeldResource } from './held-access-table.js';
import { heldInOrganization, OffboardMemberMutation } from './offboarding-query.js';

/** The member being offboarded. */
export interface OffboardedMember {
  readonly user: { readonly id: string; readonly login: string; readonly name: string };
}

/** What `offboardMember` answered: the person's access just before and just after. */
interface OffboardingReport {
  readonly before: readonly HeldResource[];
  readonly after: readonly HeldResource[];
}

/**
 * Offboarding with proof (`manage_members`): what the person holds in the organization now (the
 * before report, from `accessOf`), the reason (required, kept in the audit log), then the API's
 * own report of before and after, where after must be empty. Refusals (the last admin) are the
 * API's sentences. Focus moves to the panel when it opens.
 */
export function OffboardMemberPanel({
  member,
  onOffboarded,
  onClose,
}: {
  member: OffboardedMember;
  onOffboarded: () => void;
  onClose: () => void;
}) {
  const organization = useOrganization();
  const { login } = member.user;
  const [before, setBefore] = useState<readonly HeldResource[]>();
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<OffboardingReport>();
  const reading = useAction();
  const offboarding = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { run: read } = reading;
  useEffect(() => {
    void read(async () => setBefore(await heldInOrganization(organization.login, member.user.id)));
  }, [read, organization.login, member.user.id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void offboarding
      .run(async () => {
        if (!reason.trim())
          throw new ApiFailure([
            { message: `Write why ${login} leaves first: the audit log keeps it.`, extensions: { code: 'BAD_USER_INPUT' } },
          ]);
        const { offboardMember } = await mutate(OffboardMemberMutation, {
          input: { organizationId: organization.id, userId: member.user.id, reason: reason.trim() },
        });
        if (!offboardMember) throw new ApiFailure([{ message: 'The server answered nothing.' }]);
        setReport(offboardMember);
      })
      .then((done) => done && onOffboarded());
  };
  const where = organization.name;
  return (
    <section className="panel" aria-labelledby="offboard-heading">
      <h2 id="offboard-heading" tabIndex={-1} ref={heading}>
        Offboard {member.user.name} ({login})
      </h2>
      {report ? (
        <>
          {report.after.length === 0 ? (
            <DoneMessage>{`${login} is offboarded: they hold nothing in ${where} any more.`}</DoneMessage>
          ) : (
            <ErrorMessage>{`${login} is offboarded, but still holds what is not ${where}'s to end (below).`}</ErrorMessage>
          )}
          {report.after.length === 0 ? (
            <p>
              After: {login} holds nothing in {where}.
            </p>
          ) : (
            <HeldAccessTable caption={`After: what ${login} still holds in ${where}`} resources={report.after} />
          )}
          <HeldAccessTable caption={`Before: what ${login} held in ${where} as the offboarding found it`} resources={report.before} />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      ) : (
        <>
          <p>
            This ends everything {login} holds in {where} at once (membership, repository roles, grants, pending access requests), and their
            sessions stop carrying it.
          </p>
          {reading.pending && <Loading />}
          <ErrorMessage>{reading.error}</ErrorMessage>
          {before && <HeldAccessTable caption={`Before: what ${login} holds in ${where} now`} resources={before} />}
          <form onSubmit={submit} className="stacked-form" aria-label={`Offboard ${login}`}>
            <Field label="Reason (kept in the audit log)">
              {(id) => <textarea id={id} required maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
            </Field>
            <div className="row-controls">
              <button type="submit" className="danger" disabled={offboarding.pending || !before}>
                Confirm offboarding of {login}
              </button>
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form>
          <ErrorMessage>{offboarding.error}</ErrorMessage>
        </>
      )}
    </section>
  );
}
