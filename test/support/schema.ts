import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ProtocolDocument } from '../../src/domain/document.js';

export const SCHEMA_PATH = join(import.meta.dirname, '..', '..', 'schema', 'protokoll-1.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

/** Validates against the published JSON Schema file (not the zod schema), as an outside tool would. */
export function assertValidDocument(doc: ProtocolDocument): void {
  if (!validate(doc)) throw new Error(`not a valid protokoll/1 document: ${ajv.errorsText(validate.errors)}`);
}
