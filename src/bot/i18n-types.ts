/** Makes `t('forecast.order', …)` a compile error when the key is not in the English catalog. */
import type en from '../../locales/en/bot.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'bot';
    resources: { bot: typeof en };
  }
}

export {};
