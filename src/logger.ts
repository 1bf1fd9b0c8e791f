import pino from 'pino';

/** Structured logs; secrets (passwords, tokens, cookies) are redacted wherever they appear. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'secret',
        '*.secret',
        'req.headers.cookie',
        'req.headers.authorization',
        'headers.cookie',
        'headers.authorization',
        'config.SESSION_SECRET',
        'config.PROCONNECT_CLIENT_SECRET',
        'config.SMTP_URL',
      ],
      censor: '[masqué]',
    },
  });
}
