#!/usr/bin/env bash
# The KPI engine against DuckDB on the demo preset (default: large), on the same work: every scalar
# KPI of KPIS.md §3 and §3.1 for both windows, per seller, team and organisation. Builds nothing: pass
# the kpi_bench binary of a Release build. Installs @duckdb/node-api into the scratch folder on demand
# (never into the source tree), writes the NDJSON there, and prints both sides' times (wall and CPU;
# DuckDB at one and at two threads), the churn-model fit's time, the ratios and whether every value
# agrees. Exits non-zero when a step fails or the values disagree.
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

echo "== figures"
node -e '
const fs = require("fs");
const engine = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const duckdb = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const t = engine.timings;
const kpiCount = Object.keys(Object.values(duckdb.slots)[0].current).length;
const slotCount = Object.keys(duckdb.slots).length;
const row = (label, wall, cpu) => console.log(`${label.padEnd(58)} ${wall.toFixed(3).padStart(7)} s ${cpu.toFixed(3).padStart(7)} s`);
console.log(`${duckdb.engine}: load ${duckdb.load_seconds.toFixed(3)} s (not timed below)`);
console.log(`same work: ${kpiCount} scalar KPIs x 2 windows x ${slotCount} slots (sellers, teams, organisation)`);
console.log(`best of ${t.runs} (engine) and ${duckdb.runs} (duckdb) runs; CPU = user + system of every thread`);
console.log(`${"".padEnd(58)} ${"wall".padStart(9)} ${"CPU".padStart(9)}`);
row("engine KPIs (index + tallies, no churn fit), 1 thread", t.kpis_wall_s, t.kpis_cpu_s);
row("duckdb query, 1 thread", duckdb.query_1_thread.wall_s, duckdb.query_1_thread.cpu_s);
row("duckdb query, 2 threads", duckdb.query_2_threads.wall_s, duckdb.query_2_threads.cpu_s);
row("engine churn-model fit, both windows, 1 thread", t.fit_wall_s, t.fit_cpu_s);
row("engine compute_scorecard (everything), 1 thread", t.scorecard_wall_s, t.scorecard_cpu_s);
const ratio = (a, b) => (a / b).toFixed(2);
console.log(`ratio engine KPIs / duckdb 1 thread:  wall ${ratio(t.kpis_wall_s, duckdb.query_1_thread.wall_s)}, CPU ${ratio(t.kpis_cpu_s, duckdb.query_1_thread.cpu_s)} (goal <= 0.5)`);
console.log(`ratio engine KPIs / duckdb 2 threads: wall ${ratio(t.kpis_wall_s, duckdb.query_2_threads.wall_s)}, CPU ${ratio(t.kpis_cpu_s, duckdb.query_2_threads.cpu_s)}`);
' "$scratch/engine.json" "$scratch/duckdb.json"

echo "== agreement (relative tolerance 1e-9, nulls equal)"
node "$scratch/compare_kpis.mjs" "$scratch/engine.json" "$scratch/duckdb.json"
echo "files kept in $scratch"
