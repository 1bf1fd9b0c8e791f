import type { MiddlewareHandler } from 'hono';

/**
 * Requests this process is serving right now. Background work that shares the embedded
 * database (PGlite: one connection, work done on this thread) waits for them between two of
 * its transactions, so a page's queries are not interleaved with a long import (ADR 0050).
 */
let inFlight = 0;

export const requestsInFlight = () => inFlight;

export const countRequests: MiddlewareHandler = async (_c, next) => {
  inFlight++;
  try {
    await next();
  } finally {
    inFlight--;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pauses `pauseMs`, then until no request is in flight (at most `maxWaitMs`, so work always advances). */
export async function yieldToRequests(pauseMs: number, maxWaitMs = 2000): Promise<void> {
  await sleep(pauseMs);
  const until = Date.now() + maxWaitMs;
  while (inFlight > 0 && Date.now() < until) await sleep(5);
}
