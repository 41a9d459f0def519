// `npm run schema`: writes docs/model-file.schema.json from the zod schema (src/ml/model-schema.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelFileJsonSchema } from '../../src/ml/model-schema-json';

const target = fileURLToPath(new URL('../../docs/model-file.schema.json', import.meta.url));
writeFileSync(target, modelFileJsonSchema());
process.stdout.write(`wrote ${target}\n`);
