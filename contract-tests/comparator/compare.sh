#!/usr/bin/env bash
# PactFlow's comparator over our pacts, as a second opinion (needs Node 18+ and the npm registry).
# Installs the pinned comparator into a scratch directory, never into the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="${COMPARATOR_DIR:-${TMPDIR:-/tmp}/genjobs-comparator}"
mkdir -p "$scratch"
cp "$here/package.json" "$scratch/package.json"
(cd "$scratch" && npm install --no-audit --no-fund --silent)
cp "$here/compare.mjs" "$here/known-limitations.json" "$scratch/"
PACT_DIR="${PACT_DIR:-$here/../target/pacts}" SPECS_DIR="${SPECS_DIR:-$here/../../specs/target/genjobs/effective}" node "$scratch/compare.mjs"
