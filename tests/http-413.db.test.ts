import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * A 413 answer over a real socket (node server, keep-alive client): the answer says
 * `Connection: close` and the server closes the socket, so the client's next request goes on
 * a new connection and succeeds instead of being reset by unread body bytes.
 */
describe('413 closes the connection properly', () => {
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_KB: '16' } });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
  });

  it('answers 413 with Connection: close and closes the socket; the next request on a keep-alive agent works', async () => {
    // Raw socket: headers announce 64 KB, only part is sent; the answer arrives then the socket ends.
    const raw = await new Promise<{ text: string; closed: boolean }>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1');
      let text = '';
      sock.on('data', (d) => {
        text += d.toString('latin1');
      });
      sock.on('error', reject);
      sock.on('close', () => resolve({ text, closed: true }));
      sock.write(
        `POST /api/v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024}\r\nConnection: keep-alive\r\n\r\n`,
      );
      sock.write('{"title":"'.padEnd(20 * 1024, 'x'));
      setTimeout(() => sock.destroy(new Error('socket still open after 5 s')), 5000).unref();
    });
    expect(raw.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.text.toLowerCase()).toContain('connection: close');
    expect(raw.closed).toBe(true);

    // Through node's keep-alive agent: a 413 then a normal request, both answered.
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body?: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method: body ? 'POST' : 'GET',
            agent,
            headers: body
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
              : {},
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const big = await send('/api/v1/projects', JSON.stringify({ title: 'x'.repeat(40_000) }));
    expect(big).toEqual({ status: 413, connection: 'close' });
    const next = await send('/healthz');
    expect(next.status).toBe(200);
    agent.destroy();
  });
});
