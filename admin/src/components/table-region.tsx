/**
 * A table that may be wider than a phone: it scrolls sideways inside a region that keyboard
 * users can focus and scroll, while the page itself stays 360 px wide.
 */
import type { ReactNode } from 'react';

export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
