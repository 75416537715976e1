// @ts-check
// Starts the built API (dist/apps/api/main.js, path in BENCH_API_MAIN) exactly as
// `node dist/apps/api/main.js` would. Only the command line differs: benchmark runs were stopped
// midway by a SIGTERM from outside, most likely another session's `pkill -f
// dist/apps/api/main.js`; under this name the benchmark's server is stopped only by the benchmark.
import { pathToFileURL } from 'node:url';

const main = process.env.BENCH_API_MAIN;
if (!main) throw new Error('BENCH_API_MAIN is not set');
await import(pathToFileURL(main).href);
