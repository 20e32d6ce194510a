/** Dates and sizes as the case-study screens show them. */
export { formatBytes } from '@shared/case-studies/photos';

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
