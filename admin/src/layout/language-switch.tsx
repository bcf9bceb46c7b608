/** English or Hindi, remembered on this device. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('common.language')}</label>
      <select id={id} value={i18n.language} onChange={(event) => void chooseLanguage(event.target.value as UiLanguage)}>
        {UI_LANGUAGES.map(({ code, label }) => (
          <option key={code} value={code} lang={code}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
