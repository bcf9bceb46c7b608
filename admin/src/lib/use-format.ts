/** The formatters bound to the panel's current language, with units in its words. */
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, formatMoney, formatNumber, formatPercent } from './format';

export function useFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return {
    /** "34 packets", "1 bottle", "22.9 kg". */
    quantity: (value: number, unit: string) => `${formatNumber(value, language)} ${t(`units.${unit}`, { count: value })}`,
    /** The unit as in "₹28/kg". */
    unit: (unit: string) => t(`units.${unit}`, { count: 1 }),
    money: formatMoney,
    number: (value: number, digits?: number) => formatNumber(value, language, digits),
    percent: (share: number, digits?: number) => formatPercent(share, language, digits),
    day: (isoDay: string, withYear?: boolean) => formatDay(isoDay, language, withYear),
    dateTime: (iso: string) => formatDateTime(iso, language),
  };
}
