import { Migration } from '@mikro-orm/migrations';

/**
 * Each repository counts the issues opened in it: `createIssue` takes the next number from this
 * counter and inserts the issue in one statement, instead of locking the repository row and then
 * reading the highest number and inserting (three statements under the lock). Existing
 * repositories start from their highest issue number.
 */
export class Migration20261206090000 extends Migration {
  override name = 'Migration20261206090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "repositories" add column "last_issue_number" int not null default 0;`);
    this.addSql(
      `update "repositories" r set "last_issue_number" = coalesce((select max(i."number") from "issues" i where i."repository_id" = r."id"), 0);`,
    );
  }
}
