#!/usr/bin/env bash
# The KPI engine against DuckDB on the demo preset (default: large). Builds nothing: pass the
# kpi_bench binary of a Release build. Installs @duckdb/node-api into the scratch folder on demand
# (never into the source tree), writes the NDJSON there, and prints both times, their ratio and
# whether every value agrees. Exits non-zero when a step fails or the values disagree.
#
# usage: bench/duckdb/run_kpi_bench.sh PATH/TO/kpi_bench [SCRATCH_DIR]   (SIZE=standard for the small demo)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kpi_bench=${1:?usage: run_kpi_bench.sh PATH/TO/kpi_bench [SCRATCH_DIR]}
scratch=${2:-$(mktemp -d "${TMPDIR:-/tmp}/kpi_bench.XXXXXX")}
size=${SIZE:-large}

mkdir -p "$scratch"
cp "$here/package.json" "$here/kpi_duckdb.mjs" "$here/compare_kpis.mjs" "$scratch/"
if [ ! -d "$scratch/node_modules/@duckdb/node-api" ]; then
  echo "installing @duckdb/node-api into $scratch"
  (cd "$scratch" && npm install --no-audit --no-fund --loglevel=error)
fi

echo "== engine ($size demo)"
"$kpi_bench" --size "$size" --ndjson "$scratch/ndjson" --kpis "$scratch/engine.json"

as_of=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).as_of)' "$scratch/engine.json")
echo "== duckdb (as_of $as_of)"
(cd "$scratch" && node kpi_duckdb.mjs "$scratch/ndjson" "$as_of" > "$scratch/duckdb.json")

node -e '
const fs = require("fs");
const engine = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const duckdb = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log(`${duckdb.engine}: load ${duckdb.load_seconds.toFixed(3)} s (not timed below)`);
console.log(`engine compute_scorecard (all KPIs, both windows, score, churn model), 1 thread: ${engine.compute_seconds.toFixed(3)} s`);
console.log(`duckdb query (9 KPIs, current window), 1 thread:  ${duckdb.query_seconds.toFixed(3)} s`);
console.log(`duckdb query, ${duckdb.all_threads} threads:             ${duckdb.query_seconds_all_threads.toFixed(3)} s`);
console.log(`ratio engine/duckdb (1 thread): ${(engine.compute_seconds / duckdb.query_seconds).toFixed(2)}`);
console.log(`ratio engine/duckdb (${duckdb.all_threads} threads): ${(engine.compute_seconds / duckdb.query_seconds_all_threads).toFixed(2)}`);
' "$scratch/engine.json" "$scratch/duckdb.json"

echo "== agreement (relative tolerance 1e-9, nulls equal)"
node "$scratch/compare_kpis.mjs" "$scratch/engine.json" "$scratch/duckdb.json"
echo "files kept in $scratch"
