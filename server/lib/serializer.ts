import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/**
 * Serialises responses with fast-json-stringify compiled from each route's zod response schema:
 * only declared fields leave the server (no accidental leaks), a missing required field is an
 * error, and it runs several times faster than parsing every response with zod. Schemas that
 * cannot be expressed in JSON Schema fall back to zod parsing.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  try {
    return fastJson(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Parameters<typeof fastJson>[0]);
  } catch {
    return (data) => JSON.stringify(schema.parse(data));
  }
};
