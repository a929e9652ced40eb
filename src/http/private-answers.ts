import type { NextFunction, Request, Response } from 'express';

/**
 * Answers to requests that carry credentials (`Authorization`, or a cookie a browser sent) are
 * the viewer's own: `Cache-Control: private, no-store`, so no shared cache or proxy keeps one
 * viewer's data for another, and the browser does not store it either. Set before anything
 * answers, so refusals carry it too.
 */
export function privateAnswers(request: Request, response: Response, next: NextFunction): void {
  if (request.headers.authorization !== undefined || request.headers.cookie !== undefined)
    response.setHeader('Cache-Control', 'private, no-store');
  next();
}
