/** How a request is sent again: at most `attempts` sends, each wait the server's `Retry-After` within bounds. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly minWaitMs: number;
  readonly maxWaitMs: number;
}

/** Three sends, a wait of 0.25 to 5 s between them. */
export const consoleRetryPolicy: RetryPolicy = { attempts: 3, minWaitMs: 250, maxWaitMs: 5000 };

/** What `sendRetrying` needs besides the send itself (tests give their own clock and keys). */
export interface RetryOptions {
  readonly mutation: boolean;
  readonly policy?: RetryPolicy;
  readonly wait?: (ms: number) => Promise<void>;
  readonly newKey?: () => string;
}

/**
 * Sends one GraphQL request, again while the server says it cannot answer yet: 503 (the database
 * or the session store is away) or 409 (the first send of this change still runs). A mutation
 * carries one `Idempotency-Key` for all its sends, so the server applies it once however many
 * sends reach it, and a send whose answer was lost is answered again rather than applied again.
 * What the last send answered is returned; a send that does not reach the server throws.
 */
export async function sendRetrying(
  send: (headers: Readonly<Record<string, string>>) => Promise<Response>,
  { mutation, policy = consoleRetryPolicy, wait = pause, newKey = randomKey }: RetryOptions,
): Promise<Response> {
  const headers: Readonly<Record<string, string>> = mutation ? { 'idempotency-key': newKey() } : {};
  for (let attempt = 1; ; attempt++) {
    const response = await send(headers);
    const again = response.status === 503 || (mutation && response.status === 409);
    if (!again || attempt >= policy.attempts) return response;
    await response.body?.cancel();
    const retryAfterMs = Number(response.headers.get('retry-after')) * 1000;
    await wait(Math.min(policy.maxWaitMs, Math.max(policy.minWaitMs, Number.isFinite(retryAfterMs) ? retryAfterMs : 0)));
  }
}

/** True for a document whose operation is a mutation (codegen's documents hold one operation, fragments after it). */
export function isMutationDocument(document: string): boolean {
  return /^\s*mutation\b/.test(document);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** 128 random bits as hex: `crypto.randomUUID` exists only on secure origins, and the console may be served over plain HTTP. */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
