import type { Request, RequestHandler } from 'express';
import { GraphQLError, Lexer, Source, TokenKind, type Token } from 'graphql';
import { refuseRequest } from './request-refusal.js';

/** What a GraphQL document's text may hold, checked before it is parsed. */
export interface DocumentLimits {
  /** Lexical tokens, comments not counted (`QUERY_MAX_TOKENS`); graphql's parser counts the same way. */
  readonly maxTokens: number;
  /** How deeply `{`, `[` and `(` nest (`QUERY_MAX_NESTING`): `{ viewer { login } }` nests 2. */
  readonly maxNesting: number;
}

/**
 * The most fragments one document may define. graphql's NoFragmentCyclesRule, Apollo Server's
 * selection count and our query limits follow a chain of spreads (`...A` in B, `...B` in C, ...)
 * one call a link, and only the number of fragments bounds such a chain; a few thousand links
 * exhaust the call stack.
 */
export const maxFragments = 1000;

/** Which limit a document's text breaks, and the message saying so. */
export interface DocumentRefusal {
  readonly limit: 'tokens' | 'nesting' | 'fragments';
  readonly message: string;
}

const opening = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Reads a document's tokens (with graphql's own lexer, a loop: no recursion, however deep the
 * document) and stops at the first limit it breaks. Undefined when it breaks none, and when it
 * does not lex: the parser then reports the syntax error as usual.
 */
export function documentRefusal(query: string, limits: DocumentLimits): DocumentRefusal | undefined {
  return scanDocument(query, limits).refusal;
}

/** What one pass over a document's tokens finds: the first limit it breaks, and whether it defines a subscription. */
interface DocumentScan {
  readonly refusal?: DocumentRefusal;
  readonly definesSubscription: boolean;
}

function scanDocument(query: string, limits: DocumentLimits): DocumentScan {
  const lexer = new Lexer(new Source(query));
  let definesSubscription = false;
  let tokens = 0;
  let nesting = 0;
  let fragments = 0;
  let previous: Token | undefined;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return {
          refusal: { limit: 'tokens', message: `The document holds more than ${limits.maxTokens} tokens, the most allowed.` },
          definesSubscription,
        };
      }
      if (opening.has(token.kind) && ++nesting > limits.maxNesting) {
        return {
          refusal: { limit: 'nesting', message: `The document nests brackets more than ${limits.maxNesting} deep, the most allowed.` },
          definesSubscription,
        };
      }
      // A closing bracket too many is a syntax error the parser stops at, before anything deeper.
      if (closing.has(token.kind) && nesting > 0) nesting--;
      // A definition starts the document, or follows the `}` that ends the one before.
      const startsDefinition = nesting === 0 && (previous === undefined || previous.kind === TokenKind.BRACE_R);
      if (startsDefinition && token.kind === TokenKind.NAME && token.value === 'fragment' && ++fragments > maxFragments) {
        return {
          refusal: { limit: 'fragments', message: `The document defines more than ${maxFragments} fragments, the most allowed.` },
          definesSubscription,
        };
      }
      if (startsDefinition && token.kind === TokenKind.NAME && token.value === 'subscription') definesSubscription = true;
      previous = token;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return { definesSubscription };
    throw error;
  }
  return { definesSubscription };
}

/**
 * Refuses a request whose GraphQL document breaks a `DocumentLimits` (or defines more than
 * `maxFragments` fragments) with HTTP 400 QUERY_TOO_COMPLEX, before Apollo Server parses it: a
 * document nested thousands deep would otherwise exhaust the call stack in the parser or in
 * validation. A document defining a subscription is refused with 400 BAD_REQUEST: subscriptions
 * run over WebSocket only (over HTTP their resolvers would run without an event). Reads `query` of a POST body (each operation of a batch) or of a GET's parameters.
 */
export function documentLimits(limits: DocumentLimits): RequestHandler {
  return (request, response, next) => {
    for (const query of queriesOf(request)) {
      const { refusal, definesSubscription } = scanDocument(query, limits);
      if (refusal) {
        refuseRequest(response, 400, 'QUERY_TOO_COMPLEX', refusal.message);
        return;
      }
      if (definesSubscription) {
        refuseRequest(
          response,
          400,
          'BAD_REQUEST',
          'Subscriptions are served over WebSocket (graphql-ws, the graphql-transport-ws protocol) on /graphql, not over HTTP.',
        );
        return;
      }
    }
    next();
  };
}

function queriesOf(request: Request): string[] {
  const body: unknown = request.body;
  const operations: unknown[] = request.method === 'GET' ? [request.query] : Array.isArray(body) ? body : [body];
  return operations.flatMap((operation) => {
    const query = (operation as { query?: unknown } | null | undefined)?.query;
    return typeof query === 'string' ? [query] : [];
  });
}
