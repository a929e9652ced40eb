import { errorSentence, type ApiError } from '../api/api-error.js';

/** A refusal or failure, announced to screen readers as it appears. */
export function ErrorMessage({ children }: { children: string | undefined }) {
  if (!children) return null;
  return (
    <p className="message message-error" role="alert">
      {children}
    </p>
  );
}

/** A success, announced politely. */
export function DoneMessage({ children }: { children: string | undefined }) {
  if (!children) return null;
  return (
    <p className="message message-done" role="status">
      {children}
    </p>
  );
}

/** The errors of a query that matter to the reader (those on the fields this page shows), as sentences. */
export function QueryErrors({ errors }: { errors: readonly ApiError[] }) {
  const sentences = [...new Set(errors.map((error) => errorSentence(error)))];
  if (sentences.length === 0) return null;
  return (
    <div className="message message-error" role="alert">
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}

/** Shown while a page's first query is under way. */
export function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}
