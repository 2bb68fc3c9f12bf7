const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

const ISO_MOMENT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/**
 * The server writes moments in its messages as ISO 8601 ("since 2026-12-04T14:50:55.070Z"): exact,
 * and the same for every client. People read them in their own locale and time zone.
 */
export function localizeMoments(text: string, locale?: string): string {
  const format = locale
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    : dateTime;
  return text.replace(ISO_MOMENT, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "in 5 minutes", "3 hours ago": for retry times, where the distance matters more than the clock. */
export function formatRelative(iso: string, now: Date, locale?: string): string {
  const difference = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(difference)) return iso;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size) return format.format(Math.round(difference / size), unit);
  }
  return format.format(0, 'second');
}
