/** Dates and sizes as the case-study screens show them. */
import { fmt } from '../../app/format';

export { formatBytes } from '@shared/case-studies/photos';

/** A moment as every screen shows one (../../app/format.ts). */
export function formatWhen(iso: string): string {
  return fmt.dateTime(iso);
}
