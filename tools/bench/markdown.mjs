// @ts-check
// Prints a results file as Markdown tables, for recording a run in docs/performance.md:
//   node tools/bench/markdown.mjs bench-results/bench-<time>.json
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: markdown.mjs bench-results/bench-<time>.json');
/** @type {{ labels: string[], machine: Record<string, unknown>, postgresCommitMs: Record<string, number>|null, tables: Record<string, {metric: string, values: (number|null)[], ratio: number|null}[]>, targets: {target: string, pass: boolean, value: number|null}[], config: { reps: number } }} */
const run = JSON.parse(readFileSync(file, 'utf8'));
const { labels, machine } = run;
console.log(
  `Machine: ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}, kernel ${machine.kernel}.`,
);
if (run.postgresCommitMs) {
  console.log(
    `PostgreSQL commit (INSERT + COMMIT): p50 ${run.postgresCommitMs.p50} ms, p99 ${run.postgresCommitMs.p99} ms.`,
  );
}
const show = (/** @type {number|null} */ v) => (v == null ? '–' : String(v));
for (const [scenario, rows] of Object.entries(run.tables)) {
  console.log(`\n**${scenario}** (median of ${run.config.reps})\n`);
  console.log(`| metric | ${labels.join(' | ')} | ${labels[0]} ÷ ${labels[1]} |`);
  console.log(`|---|${labels.map(() => '---:').join('|')}|---:|`);
  for (const row of rows) {
    console.log(
      `| ${row.metric} | ${row.values.map(show).join(' | ')} | ${row.ratio == null ? '' : `${row.ratio}×`} |`,
    );
  }
}
console.log('\n| target | result | value |\n|---|---|---:|');
for (const t of run.targets)
  console.log(`| ${t.target} | ${t.pass ? 'PASS' : 'FAIL'} | ${show(t.value)} |`);
