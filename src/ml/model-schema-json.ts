// The JSON Schema of a model file, generated from the zod schema the app and the CLI validate with, so the
// published docs/model-file.schema.json (written by `npm run schema`) cannot drift from what the code checks.
import * as z from 'zod';
import { MODEL_FILE_SCHEMA } from './model-schema';

/** JSON text of the published schema (draft 2020-12), as docs/model-file.schema.json holds it. */
export function modelFileJsonSchema(): string {
  const schema = z.toJSONSchema(MODEL_FILE_SCHEMA, { target: 'draft-2020-12' });
  const withId = { $id: 'https://knn-lab.invalid/model-file.schema.json', ...schema };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
