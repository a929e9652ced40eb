import DataLoader from 'dataloader';
import type { EntityManager } from '../../db/database.js';
import type { BatchWrapper } from '../batch-sizes.js';
import { buildRoleReports, type RoleReport } from './role-report.js';

/** The request loaders of governance reports. */
export interface GovernanceLoaders {
  /** Role reports by organization and `unusedDays`: a handful of statements per `unusedDays` per batch. */
  readonly roleReport: DataLoader<RoleReportKey, RoleReport, string>;
}

/** The key of `roleReport`. */
export interface RoleReportKey {
  readonly organizationId: string;
  readonly unusedDays: number;
}

/** Loaders of role reports, built for all the organizations of a batch at once (`buildRoleReports`). */
export function governanceLoaders(em: EntityManager, observing: (name: keyof GovernanceLoaders) => BatchWrapper): GovernanceLoaders {
  return {
    roleReport: new DataLoader(
      observing('roleReport')(async (keys) => {
        const reports = new Map<number, ReadonlyMap<string, RoleReport> | Error>();
        for (const unusedDays of new Set(keys.map((key) => key.unusedDays))) {
          const organizationIds = [...new Set(keys.filter((key) => key.unusedDays === unusedDays).map((key) => key.organizationId))];
          reports.set(
            unusedDays,
            await buildRoleReports(em, organizationIds, unusedDays).catch((error: unknown) =>
              error instanceof Error ? error : new Error(String(error)),
            ),
          );
        }
        return keys.map((key) => {
          const report = reports.get(key.unusedDays);
          return report instanceof Error ? report : (report?.get(key.organizationId) ?? new Error('No role report.'));
        });
      }),
      { cacheKeyFn: (key) => `${key.organizationId}|${key.unusedDays}` },
    ),
  };
}
