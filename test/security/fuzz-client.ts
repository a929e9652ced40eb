import type { GraphQLFormattedError } from 'graphql';

/** What came back for one request, raw: a body that is not GraphQL JSON (an HTML 413, a reset connection) is kept as text. */
export interface Reply {
  readonly status: number;
  readonly text: string;
  readonly data: Record<string, unknown> | null | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
}

/**
 * Posts one GraphQL request. Unlike the harness's `send`, it never throws: a connection the server
 * drops is status 0, a body that is not JSON is kept as text, so every outcome can be reported.
 */
export async function post(url: string, authorization: string | undefined, body: unknown): Promise<Reply> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let json: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // Not JSON: reported through `text`.
    }
    return { status: response.status, text, data: json.data, errors: json.errors };
  } catch (error) {
    return { status: 0, text: String(error), data: undefined, errors: undefined };
  }
}

/** The value at a path of `data` (undefined where the path stops). */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, step) => (node == null ? undefined : (node as Record<string | number, unknown>)[step]), data);
}

/** A reply in one line for a report: status, error codes and the first message, shortened. */
export function describeReply(reply: Reply): string {
  if (!reply.errors)
    return `HTTP ${reply.status}, ${reply.data ? `data ${JSON.stringify(reply.data).slice(0, 120)}` : `body ${JSON.stringify(reply.text.slice(0, 120))}`}`;
  const codes = [...new Set(reply.errors.map((error) => String(error.extensions?.code ?? 'no code')))].join(', ');
  return `HTTP ${reply.status}, ${codes}: ${JSON.stringify(reply.errors[0]?.message.slice(0, 160))}`;
}
