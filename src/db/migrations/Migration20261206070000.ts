import { Migration } from '@mikro-orm/migrations';

/**
 * PDP clients: the programs (a git server, a CI runner, a webhook sender) that ask the AuthZEN
 * decision point about any user. A client's secret is stored only as its SHA-256 (the secret is 32
 * random bytes: a slow hash would add nothing), looked up by that hash; a revoked client keeps its
 * row, so the audit log's entries about it still name something.
 */
export class Migration20261206070000 extends Migration {
  override name = 'Migration20261206070000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "pdp_clients" ("id" uuid not null, "name" varchar(100) not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "pdp_clients" add constraint "pdp_clients_secret_hash_unique" unique ("secret_hash");`);
    // One active client per name: a name says which program asks, in the audit log and in `pdp:client -- list`.
    this.addSql(`create unique index "pdp_clients_active_name_unique" on "pdp_clients" ("name") where "revoked_at" is null;`);
  }
}
