/**
 * Tools for the committee's secretariat and workshop facilitators (consolidated returns,
 * importing questionnaires, hosting a hub): shown as they are on a secretariat computer, and
 * folded behind "More tools" on an institute's, so that a director's screens show the
 * director's work first.
 */
import type { ReactNode } from 'react';
import { useSyncStore } from './sync-store';

export function MoreTools({
  summary,
  explain,
  children,
  testId,
}: {
  summary: string;
  explain: string;
  children: ReactNode;
  testId?: string;
}) {
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  if (isSecretariat) return <>{children}</>;
  return (
    <details className="more-tools" data-testid={testId}>
      <summary>{summary}</summary>
      <p className="hint">{explain}</p>
      {children}
    </details>
  );
}
