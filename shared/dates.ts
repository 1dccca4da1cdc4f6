// Calendar days as France reads them. An instant (ISO date-time, stored in UTC) belongs to the
// day it was in Paris, where the decisions are taken: '2024-03-11T23:30:00Z' is the 12th there.
// A day (AAAA-MM-JJ) has no time zone and is only written the French way.

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day, in Paris, of an instant: '2024-03-11T23:30:00Z' → '2024-03-12'. */
export const parisDay = (instant: string | Date): string => {
  const parts = PARIS_DAY.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** A day written the French way: '2024-05-01' → '01/05/2024'. */
export const frenchDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The Paris day of an instant, written the French way: '2024-03-11T23:30:00Z' → '12/03/2024'. */
export const frenchDateOf = (instant: string | Date): string => frenchDate(parisDay(instant));
