#!/usr/bin/env node
// `npm run bench`: cold starts, throughput and latency of a few routes compared with a
// bare route of the same server in the same run, and resident memory. See bench/README.md.
//
// It runs the real command (`node bin/passerelle.mjs serve`) on a temporary data folder
// (embedded PGlite, demo data), talks to it on 127.0.0.1 only, and stops it at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const START_TIMEOUT_MS = 300_000;

const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
let server = null;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Spawns the server and measures the time from spawn to the first 200 on `/`. */
async function start(port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/passerelle.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  server = child;
  const url = `http://127.0.0.1:${port}`;
  while (performance.now() - t0 < START_TIMEOUT_MS) {
    if (exited) throw new Error(`the server stopped (${JSON.stringify(exited)}):\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, url, ms: performance.now() - t0, t0, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no 200 on / after ${START_TIMEOUT_MS} ms:\n${output}`);
}

/** SIGTERM, then wait for the exit (the server releases the data folder lock). */
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  if (server === child) server = null;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * One URL, twice: latency with one connection (what one person waits: p50/p95/p99) and
 * throughput with CONNECTIONS connections (req/s, where queueing dominates latency).
 */
async function measure(url) {
  const latency = await run(url, 1);
  const load = await run(url, CONNECTIONS);
  return {
    ...latency,
    rps: load.rps,
    total: load.total + latency.total,
    errors: load.errors + latency.errors,
    non2xx: load.non2xx + latency.non2xx,
    statuses: new Map([...latency.statuses, ...load.statuses]),
    loadP95: load.p95,
  };
}

/** ~DURATION_S seconds of `connections` connections on one URL; latencies from every response. */
async function run(url, connections) {
  // Warm-up (JIT, caches, prepared plans): 50 requests or 1 s, whichever comes first.
  const warmUntil = performance.now() + 1000;
  for (let i = 0; i < 50 && performance.now() < warmUntil; i++) await (await fetch(url)).arrayBuffer();
  const times = [];
  const statuses = new Map();
  const instance = autocannon({ url, connections, duration: DURATION_S });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

function vmStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const FIRST_IMPORT_TIMEOUT_MS = Number(process.env.BENCH_IMPORT_TIMEOUT ?? 600) * 1000;

/** Polls `/` sequentially and the directory's counts every 2 s until the national import is done. */
async function watchFirstImport(url, t0) {
  const times = [];
  let errors = 0;
  let ml = 0;
  let communes = 0;
  let lastCount = 0;
  const total = async (path) => {
    const res = await fetch(url + path);
    return res.ok ? ((await res.json()).total ?? 0) : 0;
  };
  while (performance.now() - t0 < FIRST_IMPORT_TIMEOUT_MS) {
    const s = performance.now();
    const res = await fetch(`${url}/`);
    await res.arrayBuffer();
    times.push(performance.now() - s);
    if (res.status !== 200) errors++;
    if (performance.now() - lastCount > 2000) {
      lastCount = performance.now();
      ml = await total('/api/v1/organisations?kind=mission_locale');
      communes = await total('/api/v1/organisations?kind=local_authority&level=commune');
      if (process.env.BENCH_VERBOSE)
        console.log(`  ${fmt((performance.now() - t0) / 1000)} s: ${ml} ML, ${communes} communes`);
      if (ml >= 440 && communes >= 34_000) break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    complete: ml >= 440 && communes >= 34_000,
    ml,
    communes,
    seconds: (performance.now() - t0) / 1000,
    times,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

async function main() {
  const began = performance.now();
  console.log(
    `Passerelle bench — Node ${process.version}, ${cpus().length} CPU, ${CONNECTIONS} connections, ${DURATION_S} s per route`,
  );
  console.log(`data folder (temporary, embedded PGlite): ${dataDir}`);

  const port = await freePort();
  // 1. First start on an empty folder, demo mode: the national directory (COG 2026 geography,
  // every local authority, the shipped list of Missions Locales) is imported in the background
  // while the server answers. Timed until the directory holds ≥ 440 Missions Locales and
  // ≥ 34,000 communes; `/` is requested all along (one connection) to measure what a visitor waits.
  const first = await start(port);
  console.log(
    `cold start 1 (empty data folder: migrations + demo data): ${fmt(first.ms, 0)} ms to the first 200 on /`,
  );
  let imported;
  try {
    imported = await watchFirstImport(first.url, first.t0);
  } catch (e) {
    throw new Error(`${e.message}; server output:\n${first.output().slice(-4000)}`);
  }
  console.log(
    `first start → national directory (${imported.ml} Missions Locales, ${imported.communes} communes): ${fmt(imported.seconds)} s after spawn${imported.complete ? '' : ' — NOT COMPLETE (timeout)'}`,
  );
  console.log(
    `  / during that import: ${imported.times.length} requests, p50 ${fmt(imported.p50)} ms, p95 ${fmt(imported.p95)} ms, max ${fmt(imported.max)} ms, non-200: ${imported.errors} (target p95 < 300 ms)`,
  );
  await stop(first.child);

  const second = await start(port);
  console.log(
    `cold start 2 (existing data folder):                      ${fmt(second.ms, 0)} ms to the first 200 on /`,
  );
  const { url, child } = second;

  const candidates = [
    { label: 'bare route', path: '/healthz' },
    { label: 'home page', path: '/' },
    { label: 'OpenAPI document', path: '/api/openapi.json' },
    { label: 'directory search (page)', path: '/annuaire?q=lyon' },
    { label: 'directory search (API)', path: '/api/v1/organisations?q=lyon' },
    { label: 'commune autocomplete (API)', path: '/api/v1/territories/communes?q=marseil' },
    { label: 'organisation autocomplete (API)', path: '/api/v1/organisations/autocomplete?q=marseille' },
    {
      label: 'organisation autocomplete, typos (API)',
      path: '/api/v1/organisations/autocomplete?q=mision%20locale%20lyo',
    },
    { label: 'commune: who governs, who serves (API)', path: '/api/v1/territories/communes/69123' },
    { label: 'map of départements', path: '/annuaire?vue=carte' },
    { label: 'agreements list', path: '/conventions' },
  ];
  // One Mission Locale's suggestions (matching), when Missions Locales were imported.
  const ml = await (await fetch(`${url}/api/v1/organisations?kind=mission_locale&q=lyon`))
    .json()
    .catch(() => null);
  const mlId = ml?.items?.find((o) => !/démo/i.test(o.name))?.id;
  if (mlId) {
    candidates.push({ label: 'matches of one ML (API)', path: `/api/v1/organisations/${mlId}/matches` });
    candidates.push({ label: 'organisation page', path: `/organisations/${mlId}` });
  }
  const routes = [];
  for (const r of candidates) {
    const res = await fetch(url + r.path, { redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status === 200) routes.push(r);
    else
      console.log(`skipped ${r.path}: answers ${res.status} anonymously (not there yet, or needs sign-in)`);
  }

  const rows = [];
  for (const r of routes) {
    const m = await measure(url + r.path);
    rows.push({ ...r, ...m });
    if (m.errors || m.non2xx) {
      console.log(
        `warning: ${r.path} had ${m.errors} errors/timeouts and ${m.non2xx} non-2xx answers (${[...m.statuses].map(([s, n]) => `${s}×${n}`).join(', ')})`,
      );
    }
  }
  const bare = rows[0];
  console.log('');
  console.log(`latency: 1 connection; throughput: ${CONNECTIONS} connections; ${DURATION_S} s each`);
  console.log(
    `${pad('route', 58)}${lpad('p50 ms', 8)}${lpad('p95 ms', 8)}${lpad('p99 ms', 8)}${lpad('p95÷bare', 10)}${lpad('req/s', 8)}${lpad('req/s÷bare', 12)}`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.path.length > 56 ? `${r.path.slice(0, 53)}…` : r.path, 58)}${lpad(fmt(r.p50), 8)}${lpad(fmt(r.p95), 8)}${lpad(fmt(r.p99), 8)}${lpad(`${fmt(r.p95 / bare.p95, 1)}×`, 10)}${lpad(fmt(r.rps, 0), 8)}${lpad(fmt(r.rps / bare.rps, 3), 12)}`,
    );
  }
  console.log('');
  const mem = vmStatus(child.pid);
  console.log(
    `resident memory of the server after the run: VmRSS ${fmt(mem.rssMb)} MB (peak VmHWM ${fmt(mem.peakMb)} MB)`,
  );
  await stop(child);
  console.log(`bench finished in ${fmt((performance.now() - began) / 1000)} s; server stopped`);
}

async function cleanup() {
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
}

process.once('SIGINT', async () => {
  await cleanup();
  process.exit(130);
});

try {
  await main();
  await cleanup();
} catch (err) {
  console.error(`bench failed: ${err?.stack ?? err}`);
  await cleanup();
  process.exitCode = 1;
}
