import type { ReactNode, MouseEvent } from 'react';
import { hrefOf, navigate, useRoute } from './router.js';

/**
 * A link to a console route: a real `<a href>` (keyboard, middle click, copy address all work)
 * that navigates in place on a plain click. The current page's link says so (`aria-current`).
 */
export function Link({ to, children }: { to: string; children: ReactNode }) {
  const route = useRoute();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={hrefOf(to)} onClick={onClick} aria-current={route === to ? 'page' : undefined}>
      {children}
    </a>
  );
}
