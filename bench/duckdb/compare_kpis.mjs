// Compares the engine's KPI values (kpi_bench --kpis) with DuckDB's (kpi_duckdb.mjs): every slot
// (seller, team, organisation), both windows, every KPI DuckDB computes, equal within 1e-9 relative,
// null equal only to null. A KPI either side lacks is a disagreement. Prints the verdict, the
// disagreements counted by KPI and the first ones by slot; exits 1 when any value disagrees.
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
const byKpi = new Map();
const kpis = new Set();
let compared = 0;
const slotIds = [...new Set([...Object.keys(engine.slots), ...Object.keys(duckdb.slots)])].sort();
for (const slot of slotIds) {
  const ours = engine.slots[slot];
  const theirs = duckdb.slots[slot];
  if (!ours || !theirs) {
    disagreements.push(`${slot}: only in ${ours ? 'the engine' : 'duckdb'}`);
    continue;
  }
  for (const window of ['current', 'previous']) {
    const names = new Set([...Object.keys(ours[window] ?? {}), ...Object.keys(theirs[window] ?? {})]);
    for (const kpi of names) {
      kpis.add(kpi);
      compared += 1;
      const a = ours[window]?.[kpi];
      const b = theirs[window]?.[kpi];
      if (a !== undefined && b !== undefined && agree(a, b)) continue;
      byKpi.set(kpi, (byKpi.get(kpi) ?? 0) + 1);
      const show = (v) => (v === undefined ? 'absent' : v);
      disagreements.push(`${slot} ${window} ${kpi}: engine ${show(a)} vs duckdb ${show(b)}`);
    }
  }
}

console.log(`values compared: ${compared} (${kpis.size} KPIs x 2 windows x ${slotIds.length} slots: sellers, teams, organisation); disagreeing: ${disagreements.length}`);
for (const [kpi, n] of [...byKpi].sort()) console.log(`  ${kpi}: ${n} disagree`);
for (const line of disagreements.slice(0, 20)) console.log(`  ${line}`);
if (disagreements.length > 20) console.log(`  ... and ${disagreements.length - 20} more`);
console.log(disagreements.length === 0 ? 'all values agree' : 'VALUES DISAGREE');
process.exit(disagreements.length === 0 ? 0 : 1);
