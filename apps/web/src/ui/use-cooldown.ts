import { useCallback, useEffect, useState } from 'react';
import { secondsLeft } from './cooldown';

/**
 * A wait that counts down once a second while it runs: `start(seconds)` begins it, `left` is what
 * remains (0 when none). The timer runs only while there is something left to count.
 */
export function useCooldown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(until, now);

  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) setUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number) => {
    const current = Date.now();
    setNow(current);
    setUntil(current + seconds * 1000);
  }, []);

  return { left, start };
}
