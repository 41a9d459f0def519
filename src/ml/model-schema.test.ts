import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFileJsonSchema } from './model-schema-json';

const published = readFileSync(new URL('../../docs/model-file.schema.json', import.meta.url), 'utf8');

/** Every object schema in a JSON Schema document, with where it is. */
function objectSchemas(node: unknown, path = '#'): { path: string; schema: Record<string, unknown> }[] {
  if (node === null || typeof node !== 'object') return [];
  const here = !Array.isArray(node) && (node as Record<string, unknown>).type === 'object' ? [{ path, schema: node as Record<string, unknown> }] : [];
  return [...here, ...Object.entries(node).flatMap(([key, child]) => objectSchemas(child, `${path}/${key}`))];
}

describe('the published model file schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing src/ml/model-schema.ts)', () => {
    expect(published).toBe(modelFileJsonSchema());
  });

  it('refuses unknown keys in every object, as the importer does', () => {
    const objects = objectSchemas(JSON.parse(published));
    expect(objects.length).toBeGreaterThan(8);
    for (const { path, schema } of objects) expect([path, schema.additionalProperties]).toEqual([path, false]);
  });

  it('names the current version and every top-level section as required', () => {
    const schema = JSON.parse(published);
    expect(schema.properties.schemaVersion.const).toBe(2);
    expect([...schema.required].sort()).toEqual(['createdAt', 'intervals', 'metrics', 'model', 'name', 'note', 'schema', 'schemaVersion', 'sha256', 'training']);
  });
});
