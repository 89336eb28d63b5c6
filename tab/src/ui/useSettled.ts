import { useEffect, useState } from 'react';

/**
 * The value a promise settled with, or undefined while it is pending; a rejection is thrown during render (as
 * `use()` would). Unlike `use()` under Suspense, the settled value commits at once: React holds back a
 * Suspense boundary's content for up to 300 ms after its fallback was shown, and on the side panel that delay
 * came straight on top of the board's load.
 * `keepPrevious`: while a new promise is pending, keep answering with the last settled value (no flicker).
 */
export function useSettled<T>(promise: Promise<T>, keepPrevious = false): T | undefined {
  const [settled, setSettled] = useState<{ promise: Promise<T>; value: T } | null>(null);
  useEffect(() => {
    let live = true;
    promise.then(
      (value) => {
        if (live) setSettled({ promise, value });
      },
      (error: unknown) => {
        if (live)
          setSettled(() => {
            throw error;
          });
      },
    );
    return () => {
      live = false;
    };
  }, [promise]);
  if (settled === null) return undefined;
  return settled.promise === promise || keepPrevious ? settled.value : undefined;
}
