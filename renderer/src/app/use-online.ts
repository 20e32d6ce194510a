import { useEffect } from 'react';
import { useUiStore } from './ui-store';

/** Keeps the store's `online` flag in step with the browser's connectivity events. */
export function useOnlineTracking(): void {
  const setOnline = useUiStore((s) => s.setOnline);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [setOnline]);
}
