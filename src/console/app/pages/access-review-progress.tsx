import { useId } from 'react';
import { progressText } from './access-review-words.js';

/**
 * How far a review is: a real `<progress>` (decided items of all items; assistive technology reads
 * its value), named by `label` and described by the counts in words beside it.
 */
export function ReviewProgress({
  label,
  progress,
}: {
  label: string;
  progress: { total: number; kept: number; revoked: number; undecided: number };
}) {
  const id = useId();
  return (
    <div className="review-progress">
      <progress aria-label={label} aria-describedby={id} max={Math.max(progress.total, 1)} value={progress.kept + progress.revoked} />
      <span id={id}>{progressText(progress)}</span>
    </div>
  );
}
