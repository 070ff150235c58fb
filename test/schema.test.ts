import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchema } from '../src/domain/json-schema.js';
import { SCHEMA_PATH } from './support/schema.js';

describe('published JSON Schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing the model)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(protocolJsonSchema());
  });
});
