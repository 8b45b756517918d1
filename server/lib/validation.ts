import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { zIdParams } from '../../common/schemas/common.js';
import { AppError, type FieldIssue } from './errors.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** Turns zod issues into field issues with translatable message keys. */
export function issuesToFields(issues: readonly Issue[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'body';
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined || issue.input === null) out.push({ field, key: 'required' });
        else if (issue.expected === 'number') out.push({ field, key: 'notNumber' });
        else out.push({ field, key: 'invalid' });
        break;
      case 'too_small':
        if (issue.origin === 'string') {
          out.push(Number(issue.minimum) <= 1 ? { field, key: 'required' } : { field, key: 'tooShort', params: { min: issue.minimum } });
        } else out.push({ field, key: 'tooSmall', params: { min: issue.minimum } });
        break;
      case 'too_big':
        out.push(
          issue.origin === 'string' ? { field, key: 'tooLong', params: { max: issue.maximum } } : { field, key: 'tooBig', params: { max: issue.maximum } },
        );
        break;
      case 'invalid_value':
        out.push(issue.input === undefined ? { field, key: 'required' } : { field, key: 'oneOf', params: { values: issue.values.join(', ') } });
        break;
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push({ field: [...issue.path.map(String), k].join('.'), key: 'unknownField' });
        break;
      case 'invalid_format':
      case 'custom': {
        const key = (issue as { params?: { key?: FieldIssue['key'] } }).params?.key;
        out.push({ field, key: key ?? 'invalid' });
        break;
      }
      default:
        out.push({ field, key: 'invalid' });
    }
  }
  return out;
}

/**
 * Validates every request part with its zod schema and reports failures as one AppError naming
 * the fields, so the error handler answers 400 in the user's language.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  const viaZod = (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: AppError.fields(...issuesToFields(result.error.issues as Issue[])) };
  };
  if (schema !== zIdParams) return viaZod;
  // `/…/:id`, on most routes and the hottest ones: a plain id skips zod (a tenth of a progress
  // report's time); anything else goes through zod for the same errors.
  return (data) => {
    const id = (data as { id?: unknown }).id;
    return typeof id === 'string' && ID_RE.test(id) && Object.keys(data as object).length === 1 ? { value: { id: Number(id) } } : viaZod(data);
  };
};

/** A positive integer zod's `int()` accepts (a safe integer), as a path segment. */
const ID_RE = /^[1-9]\d{0,14}$/;
