import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { normaliseIdNumber, parseIdNumber } from '../../../common/id-card.js';
import { MOBILE_RE } from '../../../common/schemas/common.js';

/** Client-side form rules mirroring the shared zod schemas (the server re-checks). */
export const requiredRule = (t: TFunction, label: string): Rule => ({ required: true, whitespace: true, message: t('common.required', { label }) });
export const selectRule = (t: TFunction, label: string): Rule => ({ required: true, message: t('common.select', { label }) });
export const mobileRule = (t: TFunction): Rule => ({ pattern: MOBILE_RE, message: t('common.mobileInvalid') });
export const codeRules = (t: TFunction): Rule[] => [{ required: true, pattern: /^\d{6}$/, message: t('common.codeInvalid') }];
export const emailRule = (t: TFunction, label: string): Rule => ({ type: 'email', message: t('common.invalid', { label }) });
/** A valid 18-digit ID number (check digit, birth date); empty passes (pair with requiredRule where it is required). */
export const idNumberRule = (t: TFunction, label: string): Rule => ({
  validator: (_, value: string | undefined) =>
    !value?.trim() || parseIdNumber(normaliseIdNumber(value)) ? Promise.resolve() : Promise.reject(new Error(t('common.invalid', { label }))),
});
