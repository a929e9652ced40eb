import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimitedError } from '../errors/graphql-errors.js';

/** Limits on `login`, `signUp` and `refreshToken` (`RATE_LIMIT_*`). */
export interface SignInThrottleSettings {
  readonly enabled: boolean;
  /** Failed logins per email and client IP within the window; a successful one clears the count. */
  readonly loginFailuresPerEmail: number;
  /** Sign-in attempts (login, signUp and refreshToken together) per client IP within the window. */
  readonly attemptsPerIp: number;
  readonly windowSeconds: number;
}

/** Where the counters are shared between instances; without it they live in this process. */
export interface SignInThrottleRedis {
  readonly url: string;
  readonly keyPrefix: string;
}

/** The throttle as one request sees it: bound to that request's client IP. */
export interface ClientSignInThrottle {
  /** Counts a login attempt, or throws RATE_LIMITED; call before the password is hashed. */
  beforeLogin(email: string): Promise<void>;
  /** The password was right: the failures counted for this email and IP are forgotten. */
  loginSucceeded(email: string): Promise<void>;
  /** Counts a signUp or refreshToken attempt against the IP, or throws RATE_LIMITED. */
  beforeAttempt(): Promise<void>;
}

/** Brute-force and CPU (scrypt) protection for the sign-in mutations, shared by the server's requests. */
export interface SignInThrottle {
  forClient(ip: string | undefined): ClientSignInThrottle;
  /**
   * Resolves once the shared counters can be reached (Redis connected), or at once without Redis, or
   * when connecting gives up (then the in-memory fallback counts, as during any outage); never
   * rejects. A server awaits it before it listens: its first sign-ins are counted where the later
   * ones are, not split between memory and Redis.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const unthrottled: ClientSignInThrottle = { beforeLogin: async () => {}, loginSucceeded: async () => {}, beforeAttempt: async () => {} };

/**
 * Builds the throttle: counters in Redis when `redis` is given, so every instance shares them,
 * in memory otherwise. Note: when Redis cannot answer, each limiter falls back to an in-memory one
 * (`insuranceLimiter`), so sign-in stays throttled per instance rather than failing or going
 * unthrottled; the limits then hold per instance, counted from the outage.
 */
export function createSignInThrottle(settings: SignInThrottleSettings, redis: SignInThrottleRedis | undefined): SignInThrottle {
  if (!settings.enabled) return { forClient: () => unthrottled, ready: async () => {}, close: async () => {} };
  const client = redis && connect(redis);
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix, points, duration: settings.windowSeconds };
    if (!client) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: client,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const perIp = limiter('rate-limit:ip', settings.attemptsPerIp);
  const perEmail = limiter('rate-limit:login', settings.loginFailuresPerEmail);
  return {
    forClient(ip = 'unknown') {
      const emailKey = (email: string) => `${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}:${ip}`;
      return {
        async beforeLogin(email) {
          await consume(perIp, ip);
          // Counted before the password is checked, so concurrent guesses cannot all slip under the limit.
          await consume(perEmail, emailKey(email));
        },
        async loginSucceeded(email) {
          // Best effort: a counter that cannot be cleared must not fail a correct login.
          await perEmail.delete(emailKey(email)).catch(() => {});
        },
        beforeAttempt: () => consume(perIp, ip),
      };
    },
    ready: () => (client ? connected(client) : Promise.resolve()),
    async close() {
      client?.disconnect();
    },
  };
}

/** Resolves when the client is ready, or once its first connection attempt has failed or timed out. */
function connected(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      client.off('ready', done);
      client.off('error', done);
      client.off('end', done);
      clearTimeout(timer);
      resolve();
    };
    // connectTimeout bounds the attempt; this bounds the wait should no event come.
    const timer = setTimeout(done, connectTimeoutMs + 500);
    client.once('ready', done);
    client.once('error', done);
    client.once('end', done);
  });
}

/** Takes a point, or throws RATE_LIMITED when none is left (store failures propagate). */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw rateLimitedError(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    throw refusal;
  }
}

/** How long one attempt to connect to Redis may take. */
const connectTimeoutMs = 1500;

function connect({ url, keyPrefix }: SignInThrottleRedis): Redis {
  const client = new Redis(url, {
    keyPrefix,
    // Fail fast while disconnected: the in-memory insurance limiter answers instead of the request waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Failures surface per command (and fall back to memory); without a listener ioredis prints every reconnect.
  client.on('error', () => {});
  return client;
}
