import { useQuery } from '../api/use-query.js';
import { graphql } from '../gql/index.js';
import { useOrganization } from '../layout/organization-context.js';
import { QueryErrors } from '../ui/messages.js';

const RoleReportQuery = graphql(`
  query RoleReport($login: String!) {
    organization(login: $login) {
      id
      roleReport {
        unusedCustomRoles {
          role {
            id
            name
          }
          holders
          reason
        }
        duplicateRoles {
          id
          name
        }
        membersWithGrants {
          user {
            id
            login
          }
          activeGrants
        }
        grantsExpiringSoon {
          id
          permission
          expiresAt
          user {
            login
          }
        }
        holdersPerRole {
          role {
            id
            name
          }
          holders
        }
      }
    }
  }
`);

/** The role report (`manage_roles`): unused and duplicate roles, who holds exceptions, what expires soon, holders per role. */
export function RoleReport() {
  const organization = useOrganization();
  const { data, errors } = useQuery(RoleReportQuery, { login: organization.login });
  const report = data?.organization?.roleReport;
  return (
    <section aria-labelledby="role-report-heading">
      <h2 id="role-report-heading">Role report</h2>
      <QueryErrors errors={errors} />
      {report && (
        <div className="report-grid">
          <div>
            <h3>Holders per role</h3>
            <ul className="plain-list">
              {report.holdersPerRole.map((entry) => (
                <li key={entry.role.id}>
                  {entry.role.name}: {entry.holders}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Unused custom roles</h3>
            {report.unusedCustomRoles.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="plain-list">
                {report.unusedCustomRoles.map((entry) => (
                  <li key={entry.role.id}>
                    {entry.role.name}: {entry.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>Roles with the same permissions</h3>
            {report.duplicateRoles.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="plain-list">
                {report.duplicateRoles.map((group) => (
                  <li key={group.map((role) => role.id).join()}>{group.map((role) => role.name).join(' = ')}</li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>Members holding exceptions</h3>
            {report.membersWithGrants.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="plain-list">
                {report.membersWithGrants.map((entry) => (
                  <li key={entry.user.id}>
                    {entry.user.login}: {entry.activeGrants}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>Exceptions ending within 7 days</h3>
            {report.grantsExpiringSoon.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="plain-list">
                {report.grantsExpiringSoon.map((grant) => (
                  <li key={grant.id}>
                    {grant.user.login}: {grant.permission}, until {new Date(grant.expiresAt).toLocaleString()}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
