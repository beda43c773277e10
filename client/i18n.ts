import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import zhCN from './locales/zh-CN.json';

/** Chinese by default; the chosen language is remembered on this browser. */
const LANGUAGE_KEY = 'civgrid.language';
export const LANGUAGES = ['zh-CN', 'en'] as const;

const stored = localStorage.getItem(LANGUAGE_KEY);
// Chinese comes with the scripts; English is fetched when chosen, so that a page does not carry
// both on a slow connection (the phone app's service worker keeps it too).
const otherLanguages: Record<string, () => Promise<{ default: object }>> = { en: () => import('./locales/en.json') };
await i18next.use(initReactI18next).use(resourcesToBackend((language: string) => otherLanguages[language]?.() ?? Promise.resolve({ default: {} }))).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: stored && (LANGUAGES as readonly string[]).includes(stored) ? stored : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
});

export default i18next;
