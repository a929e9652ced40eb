import type { Disagreement } from '@rolegate/authz';
import type { EntityManager } from '../../db/database.js';
import type { Logger } from 'pino';
import { AuthzDisagreementEntity } from '../entities/authz-disagreement.entity.js';

/**
 * Stores disagreements off the hot path: `record` only buffers; a timer (or a full buffer) writes
 * them in one insert. `flush` on shutdown writes what is left.
 */
export class DisagreementRecorder {
  #buffer: (Disagreement & { requestId?: string })[] = [];
  /** Disagreements seen by this instance since it started, per schema coordinate and direction. */
  readonly counters = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: () => EntityManager,
    /** Where a failed write is reported (the disagreements of that batch are lost; the requests are not). */
    private readonly logger: Logger,
    private readonly maxBuffered = 200,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  /** Buffers one disagreement. */
  record(disagreement: Disagreement): void {
    const direction = disagreement.legacyAllowed ? 'legacy-allow/new-deny' : 'legacy-deny/new-allow';
    const counter = `${disagreement.coordinate} ${direction}`;
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + 1);
    this.#buffer.push(disagreement);
    if (this.#buffer.length >= this.maxBuffered) void this.flush();
  }

  /** Writes everything buffered so far. */
  flush(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    if (batch.length === 0) return this.#writing;
    this.#writing = this.#writing.then(async () => {
      try {
        const em = this.em();
        for (const entry of batch) {
          em.create(AuthzDisagreementEntity, {
            userId: entry.userId,
            operationName: entry.operationName ?? null,
            coordinate: entry.coordinate,
            permission: entry.permission,
            resourceType: entry.resourceType,
            resourceId: entry.resourceId,
            legacyAllowed: entry.legacyAllowed,
            newAllowed: entry.newAllowed,
            explanation: (entry.explanation ?? null) as Record<string, unknown> | null,
            requestId: entry.requestId ?? null,
          });
        }
        await em.flush();
      } catch (error) {
        this.logger.error({ err: error, disagreements: batch.length }, 'recording authorization disagreements failed');
      }
    });
    return this.#writing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
