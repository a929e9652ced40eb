import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/pglite';
import { entities } from '../src/gitclub/entities/index.js';
const orm = await MikroORM.init({
  entities,
  dbName: 'memory://',
  extensions: [Migrator],
  migrations: { path: '/tmp/mig', pathTs: '/tmp/mig', emit: 'ts', snapshot: false },
});
const result = await orm.migrator.create(undefined, false, true);
console.log(result.fileName);
await orm.close();
