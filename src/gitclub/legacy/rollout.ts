import type { AuthorizationMode, RolloutOptions } from '@rolegate/authz';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { Database, EntityManager } from '../../db/database.js';
import type { Logger } from 'pino';
import { sqlArray } from '../../db/sql-array.js';
import { isEnforced, type Cohorts } from './cohorts.js';
import { DisagreementRecorder } from './disagreement-recorder.js';
import { createLegacyDecider } from './legacy-decider.js';
import { loadLegacyMapping, type LegacyMapping } from './legacy-mapping.js';

/** Rollout settings as configured. */
export interface RolloutSettings {
  readonly mode: AuthorizationMode;
  readonly mappingFile: string;
  /** Logins (or ids) already enforced in shadow mode. */
  readonly enforcedUsers: readonly string[];
  readonly enforcedPercent: number;
}

/** What a request needs to know about the rollout. */
export interface RequestRollout {
  readonly mode: AuthorizationMode;
  /** True when the legacy answer is final for this viewer (legacy mode, or shadow mode outside enforced cohorts). */
  readonly legacyDecides: boolean;
  readonly mapping: LegacyMapping | undefined;
}

/** The rollout of one server: mode, cohorts, legacy decision and the disagreement recorder. */
export interface Rollout {
  /** The core's rollout options for one request, or undefined in enforce mode. */
  optionsFor(em: () => EntityManager): RolloutOptions<AuthenticatedViewer> | undefined;
  forViewer(viewer: AuthenticatedViewer | null): RequestRollout;
  /** Mode and cohorts, for the start-up log and the readiness endpoint. */
  describe(): { mode: AuthorizationMode; enforcedUsers: number; enforcedPercent: number; mapping: string | null; disagreements?: Record<string, number> };
  /** Writes the buffered disagreements now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Sets up the rollout: reads the mapping, resolves allow-listed logins to ids, starts the recorder (which logs failed writes). */
export async function createRollout(settings: RolloutSettings, db: Database, logger: Logger): Promise<Rollout> {
  if (settings.mode === 'enforce') {
    return {
      optionsFor: () => undefined,
      forViewer: () => ({ mode: 'enforce', legacyDecides: false, mapping: undefined }),
      describe: () => ({ mode: 'enforce', enforcedUsers: 0, enforcedPercent: 100, mapping: null }),
      flush: async () => {},
      close: async () => {},
    };
  }
  const mapping = loadLegacyMapping(settings.mappingFile);
  const rows = await db.em.fork().execute<{ id: string }[]>('select id from users where login = any(?::text[]) or id::text = any(?::text[])', [
    sqlArray(settings.enforcedUsers),
    sqlArray(settings.enforcedUsers),
  ]);
  const cohorts: Cohorts = { enforcedUserIds: new Set(rows.map((row) => row.id)), enforcedPercent: settings.enforcedPercent };
  const recorder = new DisagreementRecorder(() => db.em.fork(), logger);
  const legacyDecides = (viewer: AuthenticatedViewer) => settings.mode === 'legacy' || !isEnforced(cohorts, viewer.id);
  return {
    optionsFor: (em) => ({
      mode: settings.mode,
      isEnforced: (viewer) => isEnforced(cohorts, viewer.id),
      legacyAllows: createLegacyDecider(em, mapping),
      record: (disagreement) => recorder.record(disagreement),
    }),
    forViewer: (viewer) => ({ mode: settings.mode, legacyDecides: viewer ? legacyDecides(viewer) : false, mapping }),
    describe: () => ({
      mode: settings.mode,
      enforcedUsers: cohorts.enforcedUserIds.size,
      enforcedPercent: cohorts.enforcedPercent,
      mapping: settings.mappingFile,
      disagreements: Object.fromEntries(recorder.counters),
    }),
    flush: () => recorder.flush(),
    close: () => recorder.close(),
  };
}
