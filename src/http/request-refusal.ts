import type { Response } from 'express';

/**
 * Answers a request refused before GraphQL sees it (body too large, bad JSON, batch too large,
 * possible CSRF) as a GraphQL response: `{ errors: [{ message, extensions: { code } }] }`.
 */
export function refuseRequest(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}
