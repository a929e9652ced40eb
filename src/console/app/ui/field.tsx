import { useId, type ReactNode } from 'react';

/**
 * A labelled form control: the label names the control through `for`/`id`, so its accessible name
 * is the label alone (a wrapping label would add a select's options or an input's value to it).
 */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
