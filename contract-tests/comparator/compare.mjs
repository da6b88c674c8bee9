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

// Version folders are semantic versions, with pre-release and build parts (1.0.0-a1,
// 3.0.5+2026-11-29), ordered as spec-tools' SemanticVersion orders them: a release outranks its
// pre-releases; a folder with build metadata (a content change sync recorded without a version
// bump) sorts after the same version without.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const semver = (v) => {
  const m = SEMVER.exec(v);
  return { core: [m[1], m[2], m[3]].map(Number), pre: m[4], build: m[5] };
};
const identifiers = (a, b) => {
  const [x, y] = [a.split("."), b.split(".")];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [xn, yn] = [/^\d+$/.test(x[i]), /^\d+$/.test(y[i])];
    let c;
    if (xn && yn) c = Number(x[i]) - Number(y[i]);
    else if (xn) c = -1;
    else if (yn) c = 1;
    else c = x[i] < y[i] ? -1 : x[i] > y[i] ? 1 : 0;
    if (c !== 0) return c;
  }
  return x.length - y.length;
};
// absentWins: a release outranks its pre-release (1); a version without build metadata sorts
// before the same version with it (-1).
const part = (a, b, absentWins) => {
  if (a === b) return 0;
  if (a === undefined) return absentWins;
  if (b === undefined) return -absentWins;
  return identifiers(a, b);
};
const newer = (a, b) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
  return part(x.pre, y.pre, 1) || part(x.build, y.build, -1);
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
  const versions = readdirSync(join(specs, provider.name)).filter((v) => SEMVER.test(v));
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
