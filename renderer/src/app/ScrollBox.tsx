/**
 * A wide table scrolls inside its own box, never the whole page sideways: on a 768 px
 * screen the page stays put and the table moves. Focusable, so the keyboard can scroll it.
 */
import type { ReactNode } from 'react';

export function ScrollBox({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="scroll-box" tabIndex={0} {...(label ? { role: 'region', 'aria-label': label } : {})}>
      {children}
    </div>
  );
}
