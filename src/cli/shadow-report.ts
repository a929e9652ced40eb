import { cliArguments } from './cli-arguments.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

/**
 * `npm run shadow:report`: disagreements recorded in shadow mode, grouped by schema coordinate,
 * permission and direction, largest first, with example users.
 */
cliArguments(
  {
    usage:
      'npm run shadow:report [-- --help]\n\nPrints the disagreements recorded in shadow mode (AUTHZ_MODE=shadow), grouped by schema coordinate, permission and direction (legacy-allow/new-deny or the reverse), largest first, with example users.',
  },
  {},
);

runCli(async () => {
  const db = await openCliDatabase();
  try {
    const rows = await db.em
      .fork()
      .execute<{ coordinate: string; permission: string; legacy_allowed: boolean; count: string; users: string[] }[]>(
        `select d.coordinate, d.permission, d.legacy_allowed, count(*) as count,
              (array_agg(distinct u.login))[1:3] as users
       from authz_disagreements d left join users u on u.id = d.user_id
       group by d.coordinate, d.permission, d.legacy_allowed order by count(*) desc, d.coordinate`,
      );
    if (rows.length === 0) {
      console.log('No disagreements recorded.');
      return;
    }
    console.table(
      rows.map((row) => ({
        coordinate: row.coordinate,
        permission: row.permission,
        direction: row.legacy_allowed ? 'legacy-allow/new-deny' : 'legacy-deny/new-allow',
        count: Number(row.count),
        examples: row.users.filter(Boolean).join(', '),
      })),
    );
    const total = rows.reduce((sum, row) => sum + Number(row.count), 0);
    console.log(`${total} disagreements in ${rows.length} groups.`);
  } finally {
    await db.close();
  }
});
