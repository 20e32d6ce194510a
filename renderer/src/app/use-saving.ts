import { useState } from 'react';
import { toErrorData } from '@shared/errors';

/**
 * A form's saving: `saving(work)` clears the last problem, runs the work, and keeps what went
 * wrong in words for the form to show (`FormActions`) instead of losing it.
 */
export function useSaving(): {
  error: string | undefined;
  saving: (work: () => Promise<void>) => Promise<void>;
} {
  const [error, setError] = useState<string>();
  const saving = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(toErrorData(e).message);
    }
  };
  return { error, saving };
}
