import { ERROR_MESSAGES, type ErrorCode } from '../../../../../common/i18n/errors.js';
import { currentLanguage } from '../../../i18n/index.js';

/** A refusal code from the transfer preview (`blockers`), in the words the server would answer it with. */
export function blockerMessage(code: string) {
  return code in ERROR_MESSAGES ? ERROR_MESSAGES[code as ErrorCode][currentLanguage()] : code;
}
