/**
 * Money, numbers and dates as an Indian shop reads them: rupees with lakh grouping (₹1,25,000),
 * days in the panel's language. `Intl` does the work; these only fix the options.
 */

const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });
const rupeesAndPaise = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ₹1,25,000 for whole rupees, ₹28.50 when there are paise. */
export function formatMoney(amount: number): string {
  return (Number.isInteger(amount) ? rupees : rupeesAndPaise).format(amount);
}

function localeOf(language: string): string {
  return language === 'hi' ? 'hi-IN' : 'en-IN';
}

/** Quantities: up to one decimal (loose sugar is sold by the kg), grouped the Indian way. */
export function formatNumber(value: number, language = 'en', digits = 1): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: digits }).format(value);
}

/** A share (0.123) as a percentage (12.3 %). */
export function formatPercent(share: number, language = 'en', digits = 1): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A calendar day (YYYY-MM-DD) as "26 Nov"; read as UTC so no time zone moves it a day. */
export function formatDay(isoDay: string, language = 'en', withYear = false): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** A moment (ISO timestamp) in the viewer's own time zone. */
export function formatDateTime(iso: string, language = 'en'): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) where the store is, e.g. Asia/Kolkata. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A day some days before or after another (both YYYY-MM-DD). */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
