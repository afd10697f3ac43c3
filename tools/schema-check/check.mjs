// Usage: node check.mjs <schema.json> [document.json ...]
// With document paths, checks each file; without, checks each line of stdin (JSON Lines).
// Prints one JSON line per document: {"document": <path or line number>, "valid": bool, "errors": [...]}.
// A document that is not JSON is reported as {"valid": false, "parseError": "..."}.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...documentPaths] = process.argv.slice(2);
if (!schemaPath) {
  console.error("usage: node check.mjs <schema.json> [document.json ...]  (no documents: JSON Lines on stdin)");
  process.exit(2);
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

function check(document, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { document, valid: false, parseError: error.message };
  }
  const valid = validate(value);
  const errors = valid ? [] : validate.errors.map(e => ({ path: e.instancePath, keyword: e.keyword, message: e.message }));
  return { document, valid, errors };
}

if (documentPaths.length > 0) {
  for (const path of documentPaths) console.log(JSON.stringify(check(path, readFileSync(path, "utf8"))));
} else {
  let line = 0;
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line++;
    if (text.trim() !== "") console.log(JSON.stringify(check(line, text)));
  }
}
