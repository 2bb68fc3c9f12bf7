/**
 * A wait before something may be asked again (a resent link): its end as a clock time, so a tab that
 * slept or a slow render never makes the wait longer or shorter than it was.
 */
export function secondsLeft(until: number | null, now: number): number {
  if (until === null) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** "0:45", "12:03": the wait as a countdown shows it. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}

/** "45 seconds", "3 minutes": the wait in words, said once to a screen reader. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
