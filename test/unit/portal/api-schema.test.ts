import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { portalApiSource, SCHEMA_FILE, typeOf } from '../../../scripts/portal-api.ts';

describe("the portal's API types", () => {
  it('are what the OpenAPI document gives today (run `npm run portal:api` after changing a route)', async () => {
    // Prepare
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    // Act
    const generated = portalApiSource();
    // Assess
    expect(committed === generated, 'portal/src/api/schema.ts is stale: npm run portal:api').toBe(true);
  });

  it('turn JSON Schema into TypeScript: objects with optional fields, enums, unions, arrays, references', () => {
    // Act
    const type = typeOf({
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['draft', 'issued'] },
        count: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        problem: { $ref: '#/components/schemas/Problem' },
        kind: { const: 'person' },
      },
      required: ['status', 'kind'],
      additionalProperties: false,
    });
    // Assess
    expect(type.replace(/\s+/g, ' ')).toBe(
      '{ "status": "draft" | "issued"; "count"?: number; "tags"?: (string)[]; "either"?: (string | null); "problem"?: components[\'schemas\']["Problem"]; "kind": "person"; }',
    );
  });
});
