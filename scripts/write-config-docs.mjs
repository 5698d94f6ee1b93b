//! Purpose: `npm run docs:config`: regenerate what the zod config schema dictates, after `npm run build`: schema/bug-lifecycle.schema.json and the reference part of docs/configuration.md (tests check both are current).
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SCHEMA_FILE, renderConfigJsonSchema } from "../lib/config/json-schema.js";
import { REFERENCE_FILE, withCurrentReference } from "../lib/config/reference.js";

const at = (file) => fileURLToPath(new URL(`../${file}`, import.meta.url));
await writeFile(at(SCHEMA_FILE), renderConfigJsonSchema());
await writeFile(at(REFERENCE_FILE), withCurrentReference(await readFile(at(REFERENCE_FILE), "utf8")));
console.log(`wrote ${SCHEMA_FILE} and ${REFERENCE_FILE}`);
