/**
 * The one formatter of dates, times and numbers on screen (shared/format.ts), in the
 * computer's own locale and time zone. Files the app writes keep ISO dates.
 */
import { formatter } from '@shared/format';

export const fmt = formatter(typeof navigator === 'undefined' ? undefined : navigator.language);
