import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { MOBILE_RE } from '../../../common/schemas/common.js';

/** Client-side form rules mirroring the shared zod schemas (the server re-checks). */
export const requiredRule = (t: TFunction, label: string): Rule => ({ required: true, whitespace: true, message: t('common.required', { label }) });
export const selectRule = (t: TFunction, label: string): Rule => ({ required: true, message: t('common.select', { label }) });
export const mobileRule = (t: TFunction): Rule => ({ pattern: MOBILE_RE, message: t('common.mobileInvalid') });
export const codeRules = (t: TFunction): Rule[] => [{ required: true, pattern: /^\d{6}$/, message: t('common.codeInvalid') }];
