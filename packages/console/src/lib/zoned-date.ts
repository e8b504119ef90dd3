/** Milliseconds the zone is ahead of UTC at that instant (+8 h for Asia/Shanghai). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}

/**
 * The instant a local calendar day (YYYY-MM-DD) starts in a time zone, as RFC 3339: the store's
 * "orders of 23 November" start at its midnight, not the browser's. Without a zone, the browser's.
 */
export function startOfDay(day: string, timeZone?: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (!timeZone) return new Date(y, m - 1, d).toISOString();
  const guess = Date.UTC(y, m - 1, d);
  // twice: the offset at the guessed instant may differ from the one at local midnight (DST)
  let at = guess - zoneOffset(guess, timeZone);
  at = guess - zoneOffset(at, timeZone);
  return new Date(at).toISOString();
}

/** The day after YYYY-MM-DD, for exclusive "to" bounds. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
