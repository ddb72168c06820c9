// Parses Mermaid files with the real mermaid parser (npm packages mermaid and jsdom, installed by
// tst_mermaid into the build folder). Usage: node mermaid-parse.mjs NODE_MODULES_DIR FILE...
// Prints "ok FILE" or "FAIL FILE: message" per file; exits 1 if any file failed.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), "resolve-from-here.js"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const mermaidEntry = path.join(path.resolve(modules), "mermaid", "dist", "mermaid.core.mjs");
const { default: mermaid } = await import(pathToFileURL(mermaidEntry).href);
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of files) {
  try {
    await mermaid.parse(fs.readFileSync(file, "utf8"));
    console.log("ok " + file);
  } catch (e) {
    failed++;
    console.log("FAIL " + file + ": " + String(e.message || e).split("\n").join(" | "));
  }
}
process.exit(failed ? 1 : 0);
