import { z } from 'zod';
import { ProtocolDocumentSchema } from './document.js';

/** The JSON Schema (draft 2020-12) of `protokoll/1`, generated from the zod schema so the two cannot drift. */
export function protocolJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://protokoll.example/schema/protokoll-1.schema.json',
    title: 'protokoll/1',
    description: 'One parsed or authored protocol of a Swedish public body (see CONTRACT.md).',
    ...z.toJSONSchema(ProtocolDocumentSchema, { target: 'draft-2020-12' }),
  };
}
