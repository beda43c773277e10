import { useTranslation } from 'react-i18next';

export default function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className="language-switch"
      data-testid="language-switch"
      onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('language.switch')}
    </button>
  );
}
