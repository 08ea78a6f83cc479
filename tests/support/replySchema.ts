import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** Where a reply differs from the schema the route documents (first five); empty when it conforms. */
export function replySchemaErrors(schema: TSchema, reply: unknown): string[] {
  return [...Value.Errors(schema, reply)].slice(0, 5).map((error) => `${error.instancePath} ${error.message}`);
}
