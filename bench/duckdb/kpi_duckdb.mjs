// The reference implementation of nine seller KPIs (KPIS.md §3 and §3.1) in SQL on an in-memory
// DuckDB, over the interchange NDJSON written by kpi_bench --ndjson. Prints one JSON document:
// per seller the KPI values, and the query's time (the load is timed separately and not included).
//
// usage: node kpi_duckdb.mjs NDJSON_DIR AS_OF   (AS_OF as RFC 3339 UTC, e.g. 2026-10-01T00:00:00Z)
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

const WINDOW_DAYS = 90;
const CHURN_HORIZON_DAYS = 365;

const [dir, asOfText] = process.argv.slice(2);
if (!dir || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(asOfText ?? '')) {
  console.error('usage: node kpi_duckdb.mjs NDJSON_DIR AS_OF (e.g. 2026-10-01T00:00:00Z)');
  process.exit(2);
}
// TIMESTAMP (no zone) holds UTC instants: every time in the interchange files is UTC.
const asOf = asOfText.replace('T', ' ').replace('Z', '');

// Explicit column types: no sampling, and a nullable field absent from every sampled line still loads.
const tables = {
  sellers: { id: 'VARCHAR', name: 'VARCHAR', email: 'VARCHAR', team: 'VARCHAR', active: 'BOOLEAN' },
  contacts: {
    id: 'VARCHAR', owner_id: 'VARCHAR', created_at: 'VARCHAR', channel: 'VARCHAR',
    referred_by: 'VARCHAR', company_id: 'VARCHAR',
  },
  deals: {
    id: 'VARCHAR', owner_id: 'VARCHAR', contact_id: 'VARCHAR', company_id: 'VARCHAR', pipeline_id: 'VARCHAR',
    stage_id: 'VARCHAR', amount: 'DOUBLE', created_at: 'VARCHAR', closed_at: 'VARCHAR', status: 'VARCHAR',
  },
  activities: {
    id: 'VARCHAR', owner_id: 'VARCHAR', type: 'VARCHAR', direction: 'VARCHAR', at: 'VARCHAR',
    contact_id: 'VARCHAR', deal_id: 'VARCHAR', duration_s: 'DOUBLE', outcome: 'VARCHAR',
    opened: 'BOOLEAN', clicked: 'BOOLEAN', objection: 'BOOLEAN',
  },
};
const timeColumns = { contacts: ['created_at'], deals: ['created_at', 'closed_at'], activities: ['at'] };

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function loadStatement(table) {
  const columns = Object.entries(tables[table]).map(([name, type]) => `"${name}": ${sqlString(type)}`).join(', ');
  // Times are read as text and cast, so an offset other than Z is converted to UTC, not dropped.
  const select = Object.keys(tables[table])
    .map((name) => ((timeColumns[table] ?? []).includes(name)
      ? `CAST(CAST("${name}" AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) AS "${name}"` : `"${name}"`))
    .join(', ');
  const file = sqlString(path.join(dir, `${table}.ndjson`));
  return `CREATE TABLE ${table} AS SELECT ${select} FROM read_json(${file}, format = 'newline_delimited', columns = {${columns}})`;
}

// One row per seller, in seller id order. "In W" is [w_start, as_of); "by as_of" is <= as_of.
const kpiQuery = `
WITH params AS (
  SELECT TIMESTAMP ${sqlString(asOf)} AS as_of,
         TIMESTAMP ${sqlString(asOf)} - INTERVAL ${WINDOW_DAYS} DAY AS w_start,
         INTERVAL ${CHURN_HORIZON_DAYS} DAY AS horizon
),
activity_counts AS (
  SELECT owner_id,
         count(*) FILTER (WHERE type = 'call' AND direction = 'outbound') AS calls_count,
         count(*) FILTER (WHERE type = 'email' AND direction = 'outbound') AS emails_count,
         count(*) FILTER (WHERE type = 'visit') AS visits_count,
         count(*) FILTER (WHERE type = 'meeting') AS meetings_count
  FROM activities, params
  WHERE "at" >= w_start AND "at" < as_of
  GROUP BY owner_id
),
closed_deals AS (
  SELECT owner_id,
         count(*) FILTER (WHERE status = 'won') AS won,
         count(*) FILTER (WHERE status = 'lost') AS lost,
         avg(amount) FILTER (WHERE status = 'won') AS avg_sale_value,
         avg((epoch(closed_at) - epoch(created_at)) / 86400.0) FILTER (WHERE status = 'won') AS avg_sales_cycle_days
  FROM deals, params
  WHERE closed_at >= w_start AND closed_at < as_of AND created_at <= as_of
  GROUP BY owner_id
),
converted_contacts AS (
  SELECT DISTINCT contact_id
  FROM deals, params
  WHERE status = 'won' AND closed_at <= as_of AND contact_id IS NOT NULL
),
cohorts AS (
  SELECT c.owner_id, count(*) AS cohort, count(cc.contact_id) AS converted
  FROM contacts c CROSS JOIN params LEFT JOIN converted_contacts cc ON cc.contact_id = c.id
  WHERE c.owner_id IS NOT NULL AND c.created_at >= w_start AND c.created_at < as_of
  GROUP BY c.owner_id
),
purchases AS (
  SELECT owner_id, contact_id,
         bool_or(closed_at > w_start - horizon AND closed_at <= w_start) AS active_at_start,
         bool_or(closed_at > as_of - horizon AND closed_at <= as_of) AS active_at_as_of
  FROM deals, params
  WHERE status = 'won' AND contact_id IS NOT NULL AND closed_at <= as_of
  GROUP BY owner_id, contact_id
),
retention AS (
  SELECT owner_id,
         count(*) FILTER (WHERE active_at_start) AS customers_at_start,
         count(*) FILTER (WHERE active_at_start AND active_at_as_of) AS retained
  FROM purchases
  GROUP BY owner_id
)
SELECT s.id AS seller_id,
       coalesce(a.calls_count, 0)::DOUBLE AS calls_count,
       coalesce(a.emails_count, 0)::DOUBLE AS emails_count,
       coalesce(a.visits_count, 0)::DOUBLE AS visits_count,
       coalesce(a.meetings_count, 0)::DOUBLE AS meetings_count,
       CASE WHEN d.won + d.lost > 0 THEN d.won::DOUBLE / (d.won + d.lost) END AS win_rate,
       d.avg_sale_value,
       d.avg_sales_cycle_days,
       CASE WHEN k.cohort > 0 THEN k.converted::DOUBLE / k.cohort END AS conversion_rate,
       CASE WHEN r.customers_at_start > 0 THEN r.retained::DOUBLE / r.customers_at_start END AS retention_rate
FROM sellers s
LEFT JOIN activity_counts a ON a.owner_id = s.id
LEFT JOIN closed_deals d ON d.owner_id = s.id
LEFT JOIN cohorts k ON k.owner_id = s.id
LEFT JOIN retention r ON r.owner_id = s.id
ORDER BY s.id`;

async function timed(action) {
  const start = performance.now();
  const result = await action();
  return [result, (performance.now() - start) / 1000];
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const [, loadSeconds] = await timed(async () => {
  for (const table of Object.keys(tables)) await connection.run(loadStatement(table));
});

// Single-threaded first, like the engine, then with every core DuckDB sees.
await connection.run('SET threads = 1');
const [reader, querySeconds] = await timed(() => connection.runAndReadAll(kpiQuery));
await connection.run('RESET threads');
const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0].t);
const [, querySecondsAllThreads] = await timed(() => connection.runAndReadAll(kpiQuery));

const sellers = {};
for (const { seller_id: id, ...kpis } of reader.getRowObjectsJS()) sellers[id] = kpis;
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0].v;
process.stdout.write(`${JSON.stringify({
  engine: `duckdb ${version}`,
  as_of: asOfText,
  load_seconds: loadSeconds,
  query_seconds: querySeconds,
  query_threads: 1,
  query_seconds_all_threads: querySecondsAllThreads,
  all_threads: threads,
  sellers,
})}\n`);
connection.closeSync();
