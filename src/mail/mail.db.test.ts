import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../../tests/helpers/smtp.js';
import { sql } from '../db/sql.js';
import { startWorker } from '../jobs/worker.js';
import { queueMail, redactSmtpSecrets } from './mail.js';

describe('mail.send through a real SMTP server', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Passerelle <ne-pas-repondre@passerelle.test>' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('delivers a notification with a text part, an HTML part and List-Unsubscribe', async () => {
    const id = await app.db.transaction((tx) =>
      queueMail(tx, app.deps.config, {
        to: 'claire@exemple.fr',
        subject: 'Nouvelle demande de partenariat',
        text: 'Une commune souhaite travailler avec vous.',
        html: '<p>Une commune souhaite travailler avec vous.</p>',
        category: 'notification',
        unsubscribeUrl: 'http://passerelle.test/desabonnement/xyz',
      }),
    );
    expect(await app.runJobs()).toMatchObject({ done: 1, failed: 0, retry: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['claire@exemple.fr']);
    expect(mail.from).toBe('ne-pas-repondre@passerelle.test');
    expect(mail.raw).toMatch(/^Subject: Nouvelle demande de partenariat\r$/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r$/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/html; charset=utf-8\r$/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe: <http:\/\/passerelle\.test\/desabonnement\/xyz>\r$/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const row = await app.db.one<any>(
      sql`SELECT status, transport, sent_at FROM mail_outbox WHERE id = ${id}`,
    );
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp' });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it('a transactional mail (sign-in link) carries no List-Unsubscribe', async () => {
    await app.db.transaction((tx) =>
      queueMail(tx, app.deps.config, {
        to: 'paul@exemple.fr',
        subject: 'Votre lien de connexion',
        text: 'http://passerelle.test/connexion/lien/abc',
      }),
    );
    await app.runJobs();
    const mails = await smtp.waitFor(2);
    const mail = mails[1];
    expect(mail.raw).toMatch(/^Subject: Votre lien de connexion\r$/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(mail.raw).not.toMatch(/^List-Unsubscribe/m);
  });

  it('a mail queued in a rolled-back transaction is never sent', async () => {
    const before = smtp.received.length;
    await expect(
      app.db.transaction(async (tx) => {
        await queueMail(tx, app.deps.config, { to: 'x@exemple.fr', subject: 'Annulé', text: '…' });
        throw new Error('la demande échoue');
      }),
    ).rejects.toThrow('la demande échoue');
    expect(await app.runJobs()).toEqual({ done: 0, retry: 0, failed: 0 });
    expect(await app.db.many(sql`SELECT id FROM mail_outbox WHERE subject = 'Annulé'`)).toEqual([]);
    expect(smtp.received.length).toBe(before);
  });

  it('a non-transactional mail without an unsubscribe link is refused', async () => {
    await expect(
      app.db.transaction((tx) =>
        queueMail(tx, app.deps.config, {
          to: 'x@exemple.fr',
          subject: 'Récap',
          text: '…',
          category: 'digest',
        }),
      ),
    ).rejects.toThrow('lien de désabonnement');
  });
});

describe('SMTP credentials are never logged nor stored', () => {
  const PASSWORD = 'Tr3s-S3cret-Passw0rd';
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp({ auth: { user: 'passerelle', pass: PASSWORD } });
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('authenticates with the password from SMTP_URL', async () => {
    const app = await createTestApp({ env: { SMTP_URL: smtp.url } });
    try {
      await app.db.transaction((tx) =>
        queueMail(tx, app.deps.config, { to: 'a@exemple.fr', subject: 'Avec AUTH', text: 'ok' }),
      );
      expect((await app.runJobs()).done).toBe(1);
      await smtp.waitFor(1);
      expect(smtp.authAttempts.at(-1)).toEqual({ username: 'passerelle', password: PASSWORD });
    } finally {
      await app.close();
    }
  });

  it('a refused login is retried later; neither the job error nor the worker logs show the password', async () => {
    const wrong = 'Mauvais-S3cret-42';
    const url = `smtp://passerelle:${wrong}@127.0.0.1:${smtp.port}`;
    const app = await createTestApp({ env: { SMTP_URL: url } });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    try {
      const mailId = await app.db.transaction((tx) =>
        queueMail(tx, app.deps.config, { to: 'b@exemple.fr', subject: 'Refusé', text: 'ko' }),
      );
      const worker = startWorker({ ...app.deps, logger });
      let job: { status: string; last_error: string | null; attempts: number } | null = null;
      for (let i = 0; i < 100; i++) {
        job = await app.db.maybeOne(
          sql`SELECT status, last_error, attempts FROM jobs WHERE kind = 'mail.send' AND payload->>'mailId' = ${mailId}`,
        );
        if (job?.last_error) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await worker.stop();
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job!.last_error).toMatch(/^Envoi SMTP impossible : /);
      expect(job!.last_error).not.toContain(wrong);
      expect(smtp.authAttempts.some((a) => a.password === wrong)).toBe(true);
      const logged = lines.join('');
      expect(logged).toContain('job did not complete');
      expect(logged).not.toContain(wrong);
      const mail = await app.db.one<any>(sql`SELECT status FROM mail_outbox WHERE id = ${mailId}`);
      expect(mail.status).toBe('queued');
    } finally {
      await app.close();
    }
  });

  it('redactSmtpSecrets hides the URL and the password, encoded or not', () => {
    const url = 'smtp://u:p%40ss-word!@mail.exemple.fr:587';
    expect(redactSmtpSecrets(`connect ${url} failed`, url)).toBe('connect [SMTP_URL masquée] failed');
    expect(redactSmtpSecrets('login p@ss-word! refused', url)).toBe('login [masqué] refused');
    expect(redactSmtpSecrets('nothing', undefined)).toBe('nothing');
  });
});
