import { createHash } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { ClientErrorCode } from '../errors/error-catalog.js';
import { errorResponseBody } from '../errors/formatted-errors.js';
import { refuseRequest } from '../http/request-refusal.js';
import type { IdempotencyClaim, IdempotencyKeys, KeyLookup } from './idempotency-keys.js';
import { connectionFaultOf } from '../db/connection-faults.js';
import { DatabaseUnavailableError, databaseRetryAfterSeconds } from '../errors/database-unavailable.js';

/** Where a request's claim on its key goes, for the unit of work to mark: empty without a key. */
export interface IdempotencySlot {
  claim?: IdempotencyClaim;
}

/** What the plugin reads of a request's context. */
export interface IdempotentRequestContext {
  readonly viewer: { readonly id: string } | null;
  readonly idempotency: IdempotencySlot;
}

/** What the plugin is told. */
export interface IdempotentMutationOptions {
  /** Root mutation fields whose answers hold credentials (tokens): never stored, so a key on them is ignored; repeating them is safe. */
  readonly unkeyedRootFields: ReadonlySet<string>;
  /** Called for each answer replayed (the metrics count them). */
  readonly onReplay?: () => void;
  /** How long a repeat waits for the first attempt still running before answering 409; 5 s by default. */
  readonly waitForRunningMs?: number;
}

/** The header, as the IETF draft names it. */
export const idempotencyKeyHeader = 'idempotency-key';
/** 1 to 255 visible ASCII characters, as Stripe's keys: a UUID fits. */
const validKey = /^[\x21-\x7e]{1,255}$/;
const pollMs = 50;

/**
 * Mutations made safe to retry (the IETF `Idempotency-Key` draft): a signed-in viewer's mutation
 * request carrying `Idempotency-Key` runs once per viewer and key. A repeat within 24 hours answers
 * the first answer again (`Idempotent-Replayed: true`) without running; with another document or
 * variables it answers 422 IDEMPOTENCY_KEY_REUSED; while the first still runs it waits for it, then
 * answers 409 IDEMPOTENCY_KEY_IN_USE. The answer is kept only when the attempt changed something:
 * one that changed nothing (refused, or cut off before COMMIT) gives its key back and may run again.
 * Anonymous requests and queries ignore the header (a query changes nothing; an anonymous request
 * has no viewer to scope a key to).
 */
export function idempotentMutations(
  keys: IdempotencyKeys,
  options: IdempotentMutationOptions,
): ApolloServerPlugin<IdempotentRequestContext> {
  const waitForRunningMs = options.waitForRunningMs ?? 5000;
  return {
    async requestDidStart() {
      let held: (IdempotencyClaim & { readonly id: string; readonly attemptId: string }) | undefined;
      return {
        async responseForOperation({ operation, request, source, contextValue }): Promise<GraphQLResponse | null> {
          const key = request.http?.headers.get(idempotencyKeyHeader);
          const viewerId = contextValue.viewer?.id;
          if (operation?.operation !== 'mutation' || key === undefined || !viewerId) return null;
          if (selectsAny(operation, options.unkeyedRootFields)) return null;
          if (!validKey.test(key)) {
            return answer(400, 'BAD_REQUEST', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, say).');
          }
          const fingerprint = fingerprintOf(source ?? '', request.operationName, request.variables);
          const deadline = Date.now() + waitForRunningMs;
          for (;;) {
            let lookup: KeyLookup;
            try {
              lookup = await keys.lookUp(viewerId, key, fingerprint);
            } catch (error) {
              // The key cannot be read: nothing ran, the client may send it again.
              if (error instanceof DatabaseUnavailableError || connectionFaultOf(error)) return unavailableAnswer();
              throw error;
            }
            if (lookup.kind === 'run') {
              held = lookup.claim as typeof held;
              contextValue.idempotency.claim = lookup.claim;
              return null;
            }
            if (lookup.kind === 'replay') {
              options.onReplay?.();
              return {
                http: { status: lookup.answer.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
                body: { kind: 'single', singleResult: lookup.answer.body },
              };
            }
            if (lookup.kind === 'mismatch') {
              return answer(
                422,
                'IDEMPOTENCY_KEY_REUSED',
                'This Idempotency-Key was sent with another request (document, operation name or variables); use a new key for a new request.',
              );
            }
            if (lookup.kind === 'answerLost') {
              return answer(
                200,
                'ALREADY_APPLIED',
                'A request with this Idempotency-Key was applied already, but its answer was lost; it was not applied again. Read the result back.',
                { outcome: 'applied' },
              );
            }
            if (Date.now() >= deadline) {
              return answer(
                409,
                'IDEMPOTENCY_KEY_IN_USE',
                'The first request with this Idempotency-Key is still running; try again shortly.',
                {
                  retryAfter: true,
                },
              );
            }
            await pause(pollMs);
          }
        },
        async willSendResponse({ response }) {
          if (!held) return;
          const claim = held;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // An answer that lost its database after the change committed is not the change's answer: repeats say ALREADY_APPLIED.
          const keepable = body && !body.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
          if (claim.hasApplied && keepable) {
            await settle(() => keys.storeAnswer(claim.id, { status: response.http.status ?? 200, body: { ...body } }));
          } else if (claim.hasApplied || claim.isUncertain) {
            await settle(() => keys.endLease(claim.id, claim.attemptId));
          } else {
            await settle(() => keys.giveBack(claim.id, claim.attemptId));
          }
        },
      };
    },
  };
}

/** Pauses of the background tries of a key's last step that could not be taken before the answer (the database is away). */
const settleLaterPausesMs = [1000, 2000, 4000, 8000, 15_000];

/**
 * Takes a key's last step (store the answer, end the lease, give the key back), tried a few times
 * before the answer goes; if the database is still away, again in the background, so that a key is
 * not held for its whole lease by an attempt that ended (its repeats would wait, then 409).
 */
async function settle(step: () => Promise<boolean>): Promise<void> {
  if (await step()) return;
  void (async () => {
    for (const pauseMs of settleLaterPausesMs) {
      await pause(pauseMs, undefined, { ref: false });
      if (await step().catch(() => false)) return;
    }
  })();
}

/**
 * Refuses `Idempotency-Key` on a batched request (400): its operations would share one key. Runs
 * before Apollo Server, after the body is parsed.
 */
export const refuseKeyedBatches: RequestHandler = (request, response, next) => {
  if (request.headers[idempotencyKeyHeader] !== undefined && Array.isArray(request.body)) {
    refuseRequest(response, 400, 'BAD_REQUEST', 'Idempotency-Key applies to one operation: send it on requests that are not batched.');
    return;
  }
  next();
};

/** The request a key was first sent with: its document, operation name and variables (keys in any order). */
function fingerprintOf(source: string, operationName: string | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([source, operationName ?? null, canonical(variables ?? {})]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((name) => [name, canonical((value as Record<string, unknown>)[name])]),
    );
  }
  return value;
}

function selectsAny(operation: OperationDefinitionNode, fields: ReadonlySet<string>): boolean {
  return operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && fields.has(selection.name.value));
}

function answer(
  status: number,
  code: ClientErrorCode,
  message: string,
  extra: { outcome?: string; retryAfter?: boolean } = {},
): GraphQLResponse {
  const headers = new HeaderMap(extra.retryAfter ? [['retry-after', '1']] : []);
  const body = errorResponseBody(code, message);
  const errors = extra.outcome
    ? body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, outcome: extra.outcome } }))
    : body.errors;
  return { http: { status, headers }, body: { kind: 'single', singleResult: { errors } } };
}

/** SERVICE_UNAVAILABLE as the unit of work answers it when nothing was changed. */
function unavailableAnswer(): GraphQLResponse {
  const error = new DatabaseUnavailableError('broken', 'not_applied');
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return {
    http: { status: 503, headers: new HeaderMap([['retry-after', String(databaseRetryAfterSeconds)]]) },
    body: { kind: 'single', singleResult: { errors: [{ message: error.message, extensions }] } },
  };
}
