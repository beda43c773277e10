import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

/** Chinese by default; the chosen language is remembered on this browser. */
const LANGUAGE_KEY = 'civgrid.language';
export const LANGUAGES = ['zh-CN', 'en'] as const;

const stored = localStorage.getItem(LANGUAGE_KEY);
await i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: stored && (LANGUAGES as readonly string[]).includes(stored) ? stored : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
});

export default i18next;
