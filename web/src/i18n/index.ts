import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../common/i18n/errors.js';
import coursesEn from './courses.en-US.js';
import coursesZh from './courses.zh-CN.js';
import enUS from './en-US.js';
import learnerEn from './learner.en-US.js';
import learnerZh from './learner.zh-CN.js';
import trainingEn from './training.en-US.js';
import trainingZh from './training.zh-CN.js';
import zhCN from './zh-CN.js';

export const LANG_COOKIE = 'sx_lang';
export const LANGUAGES: readonly Lang[] = ['zh-CN', 'en-US'];

/** The language remembered in this browser (cookie `sx_lang`, also read by the server), if any. */
function readLangCookie(): Lang | null {
  const m = document.cookie.match(/(?:^|;\s*)sx_lang=([^;]+)/);
  const v = m?.[1] ? decodeURIComponent(m[1]) : null;
  return v === 'zh-CN' || v === 'en-US' ? v : null;
}

function applyLanguage(lang: Lang) {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie to answer errors in the page's language
  document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
}

const initial = readLangCookie() ?? 'zh-CN';
void i18n.use(initReactI18next).init({
  // Each area keeps its own top-level keys (training: projects and classes; learner: catalogue, enrolments, record; course: online courses).
  resources: {
    'zh-CN': { translation: { ...zhCN, ...trainingZh, ...learnerZh, ...coursesZh } },
    'en-US': { translation: { ...enUS, ...trainingEn, ...learnerEn, ...coursesEn } },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
// Always send the cookie, so server messages come in the language the page shows.
applyLanguage(initial);

/** Switches the interface language and remembers it in the cookie. (Saving it on the account is the caller's job.) */
export function setLanguage(lang: Lang) {
  applyLanguage(lang);
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Lang {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export default i18n;
