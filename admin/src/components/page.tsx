/** A screen: its heading (which also names the browser tab) and content. */
import { useEffect, useRef, type ReactNode } from 'react';

/** The first screen after a load keeps the browser's focus; later ones take it (see below). */
let firstScreen = true;

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · BharatSense`;
  }, [title]);
  useEffect(() => {
    // After a navigation, screen reader and keyboard users start at the new screen, not in the menu.
    if (!firstScreen) heading.current?.focus();
    firstScreen = false;
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1} className="page-title">
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}

/** A titled part of a screen, reachable by its heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
