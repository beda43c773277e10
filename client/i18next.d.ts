import 'i18next';
import type zhCN from './locales/zh-CN.json';

/** Translation keys are checked against the Chinese resources, the default language. */
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zhCN };
  }
}
