/** Numbers, money, dates and quantities the way an Indian shopkeeper reads them. */
import type { TFunction } from 'i18next';
import { daysBetween, type IsoDate } from '../domain/dates.js';
import type { Unit } from '../domain/product.js';

const rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 2, minimumFractionDigits: 0 });
const number = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });

/** ₹1,25,000: Indian digit grouping. */
export function formatRupees(amount: number): string {
  return rupees.format(amount);
}

export function formatNumber(value: number): string {
  return number.format(value);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Fri, 27 Nov"; "शुक्र, 27 नव॰" in hi-IN. */
export function formatDay(date: IsoDate, locale = 'en-IN'): string {
  let format = dayFormats.get(locale);
  if (!format) dayFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** "12 packets", "2.5 kg", in the conversation's language. */
export function formatQuantity(t: TFunction, quantity: number, unit: Unit): string {
  // `count` picks the plural form; `n` is the number as printed.
  return t(`unit.${unit}`, { count: quantity, n: formatNumber(quantity) });
}

/** "today (Thu, 26 Nov)", "yesterday (…)", or just the day. */
export function formatWhen(t: TFunction, date: IsoDate, today: IsoDate, locale: string): string {
  const offset = daysBetween(today, date);
  const shown = formatDay(date, locale);
  if (offset === 0) return t('when.today', { date: shown });
  if (offset === 1) return t('when.tomorrow', { date: shown });
  if (offset === -1) return t('when.yesterday', { date: shown });
  return t('when.day', { date: shown });
}
