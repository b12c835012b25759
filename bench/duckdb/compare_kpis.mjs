// Compares the engine's KPI values (kpi_bench --kpis) with DuckDB's (kpi_duckdb.mjs): every seller,
// every KPI, equal within 1e-9 relative, null equal only to null. Prints the verdict and the first
// disagreements; exits 1 when any value disagrees.
//
// usage: node compare_kpis.mjs ENGINE.json DUCKDB.json
import { readFileSync } from 'node:fs';

const RELATIVE_TOLERANCE = 1e-9;
const [engineFile, duckdbFile] = process.argv.slice(2);
if (!engineFile || !duckdbFile) {
  console.error('usage: node compare_kpis.mjs ENGINE.json DUCKDB.json');
  process.exit(2);
}
const engine = JSON.parse(readFileSync(engineFile, 'utf8'));
const duckdb = JSON.parse(readFileSync(duckdbFile, 'utf8'));

function agree(a, b) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

const disagreements = [];
let compared = 0;
const sellerIds = new Set([...Object.keys(engine.sellers), ...Object.keys(duckdb.sellers)]);
for (const id of [...sellerIds].sort()) {
  const ours = engine.sellers[id];
  const theirs = duckdb.sellers[id];
  if (!ours || !theirs) {
    disagreements.push(`${id}: only in ${ours ? engineFile : duckdbFile}`);
    continue;
  }
  for (const kpi of Object.keys(theirs)) {
    compared += 1;
    const a = ours[kpi] ?? null;
    const b = theirs[kpi] ?? null;
    if (!agree(a, b)) disagreements.push(`${id} ${kpi}: engine ${a} vs duckdb ${b}`);
  }
}
for (const kpi of engine.kpis_missing_from_engine ?? []) {
  disagreements.unshift(`${kpi}: not computed by the engine`);
}

console.log(`values compared: ${compared} (${sellerIds.size} sellers); disagreeing: ${disagreements.length}`);
for (const line of disagreements.slice(0, 20)) console.log(`  ${line}`);
if (disagreements.length > 20) console.log(`  ... and ${disagreements.length - 20} more`);
console.log(disagreements.length === 0 ? 'all values agree' : 'VALUES DISAGREE');
process.exit(disagreements.length === 0 ? 0 : 1);
