// Writes a copy of an OpenAPI document for Prism to mock from, in which every object schema that
// lists its properties and says nothing about others says `additionalProperties: false`.
// Why: json-schema-faker (Prism's dynamic mode) invents random extra properties wherever a schema
// allows them, and the default allows them; the live check reports an undeclared field as drift on
// purpose (a renamed field looks like one). Objects that say `additionalProperties: true` keep it,
// and the live check accepts extra fields there. The validator still checks against the spec itself.
import { readFileSync, writeFileSync } from "node:fs";
import yaml from "js-yaml";

const [, , from, to] = process.argv;
const doc = yaml.load(readFileSync(from, "utf8"));
let closed = 0;
(function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (node === null || typeof node !== "object") return;
  if (node.properties && typeof node.properties === "object" && !("additionalProperties" in node)) {
    node.additionalProperties = false;
    closed++;
  }
  Object.values(node).forEach(walk);
})(doc);
writeFileSync(to, JSON.stringify(doc, null, 2));
console.log(`${from}: ${closed} object schemas closed for the mock`);
