// Compares each pact in ../target/pacts with its provider's newest spec in ../../specs using
// PactFlow's openapi-pact-comparator (the engine of bi-directional contract testing), and fails on
// any error that known-limitations.json does not list with its reason. Usage: see ../README.md.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// The effective specs (published + overlay) the specs module writes during the build.
const specs = process.env.SPECS_DIR ?? join(here, "..", "..", "specs", "target", "genjobs", "effective");
const pacts = process.env.PACT_DIR ?? join(here, "..", "target", "pacts");
const known = JSON.parse(readFileSync(join(here, "known-limitations.json"), "utf8"));
const cli = join(here, "node_modules", "@pactflow", "openapi-pact-comparator", "dist", "cli.cjs");

const semver = (v) => v.split(".").map(Number);
const newer = (a, b) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

let unexpected = 0;
let compared = 0;
if (!existsSync(specs)) {
  console.log(`no effective specs in ${specs}: run the build first (./mvnw install)`);
  process.exit(1);
}
for (const provider of readdirSync(specs, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const pact = join(pacts, `genjobs-java-${provider.name}.json`);
  if (!existsSync(pact)) continue;
  const versions = readdirSync(join(specs, provider.name)).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  const newest = versions.sort(newer).at(-1);
  const dir = join(specs, provider.name, newest);
  const spec = join(dir, readdirSync(dir).find((f) => /^openapi\.(ya?ml|json)$/.test(f)));
  compared++;
  let out;
  try {
    out = execFileSync(process.execPath, [cli, "--oas", spec, pact], { encoding: "utf8" });
  } catch (e) {
    out = e.stdout; // exit code = number of pacts with errors
  }
  const results = out.trim().split("\n").filter(Boolean).flatMap((line) => JSON.parse(line));
  let errors = 0, documented = 0;
  for (const r of results.filter((r) => r.type === "error")) {
    errors++;
    const where = r.mockDetails ?? {};
    const limitation = known.find((k) => k.provider === provider.name
      && k.interaction === where.interactionDescription && k.code === r.code
      && (where.location ?? "").endsWith(k.locationEndsWith));
    if (limitation) { documented++; continue; }
    unexpected++;
    console.log(`${provider.name}: "${where.interactionDescription}": [${r.code}] ${where.location}: ${r.message}`);
  }
  console.log(`${provider.name} ${newest}: ${errors} error(s), ${documented} of them documented tool limitations`);
}
if (compared === 0) {
  console.log(`no pact in ${pacts} has a spec in ${specs}`);
  process.exit(1);
}
if (unexpected > 0) {
  console.log(`${unexpected} comparator error(s) not listed in known-limitations.json`);
  process.exit(1);
}
