#!/usr/bin/env bash
# verify-live against Prism (@stoplight/prism-cli) mocking each provider's effective spec in dynamic
# mode: every pass gets freshly generated answers, and each must pass our own check (0 findings).
# This also proves the specs describe answers our validator accepts. Needs Node 18+, the npm
# registry and a built cli (./mvnw install). Installs the pinned Prism into a scratch directory,
# never into the repository. PRISM_PASSES (default 5) passes per provider.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="${PRISM_DIR:-${TMPDIR:-/tmp}/genjobs-prism}"
passes="${PRISM_PASSES:-5}"
mkdir -p "$scratch"
cp "$here/package.json" "$scratch/package.json"
(cd "$scratch" && npm install --no-audit --no-fund --silent)
cp "$here/close-objects.mjs" "$scratch/"
prism="$scratch/node_modules/.bin/prism"
jar="$(ls "$root"/cli/target/genjobs-cli-*-all.jar)"
effective="$root/specs/target/genjobs/effective"

# Path parameters declared as UUIDs are checked by Prism; every job probe takes this id.
job_id=3fa85f64-5717-4562-b3fc-2c963f66afa6

total_answers=0
total_findings=0
port=4010
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
for dir in "$effective"/*/; do
  provider="$(basename "$dir")"
  spec="$(ls -d "$dir"*/ | sort -V | tail -1)openapi.yaml"
  port=$((port + 1))
  log="$scratch/prism-$provider.log"
  # No invented extra properties (see close-objects.mjs for why): the mock serves a copy of the
  # spec whose silent objects are closed; verify-live checks against the spec itself.
  mocked="$scratch/mocked-$provider.json"
  node "$scratch/close-objects.mjs" "$spec" "$mocked"
  "$prism" mock --dynamic --json-schema-faker-fillProperties=false --host 127.0.0.1 \
    --port "$port" "$mocked" >"$log" 2>&1 &
  pid=$!
  # Prism prints this line once it listens; nothing else says it is ready.
  for _ in $(seq 1 300); do
    grep -q "Prism is listening" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  grep -q "Prism is listening" "$log" || { echo "Prism did not start for $provider"; cat "$log"; exit 1; }
  # Prism checks that the auth headers are present; the values are test values. Which variables
  # hold a provider's keys is its client module's to say (KeyVariables.java), not this script's.
  if ! variables="$(java -cp "$jar" "$here/KeyVariables.java" "$provider")"; then
    echo "$provider: no client module is registered for it in $jar"; exit 1
  fi
  for variable in $variables; do export "$variable=prism-test-key"; done
  for pass in $(seq 1 "$passes"); do
    set +e
    report="$(java -jar "$jar" --json verify-live --provider "$provider" \
      --base-url "http://127.0.0.1:$port" --job-id "$job_id")"
    code=$?
    set -e
    answers="$(node -e 'const r=JSON.parse(require("fs").readFileSync(0));console.log(r.answers_checked)' <<<"$report")"
    findings="$(node -e 'const r=JSON.parse(require("fs").readFileSync(0));console.log(r.providers.reduce((n,p)=>n+p.findings.length,0))' <<<"$report")"
    total_answers=$((total_answers + answers))
    total_findings=$((total_findings + findings))
    if [ "$code" -ne 0 ]; then
      echo "$provider pass $pass: exit $code"
      echo "$report"
    fi
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "$provider: $passes passes against Prism (dynamic) done"
done
echo "verify-live against Prism: $total_answers answers checked, $total_findings findings"
[ "$total_findings" -eq 0 ]
