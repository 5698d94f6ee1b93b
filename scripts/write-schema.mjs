//! Purpose: `npm run schema`: write schema/bug-lifecycle.schema.json from the zod schema (after `npm run build`).
// Plain JavaScript on the build output because the project has no TypeScript runner; test/config checks freshness.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SCHEMA_FILE, renderConfigJsonSchema } from "../lib/config/json-schema.js";

const target = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));
await writeFile(target, renderConfigJsonSchema());
console.log(`wrote ${SCHEMA_FILE}`);
