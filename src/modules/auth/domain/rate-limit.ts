/**
 * Fixed-window rate limiting, pure part: which window an instant falls in. The counters
 * live in the `rate_limits` table so that every instance shares them.
 */
export interface RateLimitRule {
  /** What is limited, for the key: "sign_in", "password_reset". */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * 20 FAILED sign-ins per client address (or per e-mail address when the address is unknown)
 * per 15 minutes; then that address is refused (429) until the window ends. Successful
 * sign-ins never count: an office of twenty colleagues behind one address signs in freely.
 */
export const SIGN_IN_LIMIT: RateLimitRule = { name: 'sign_in_failed', limit: 20, windowSeconds: 15 * 60 };
/**
 * 5 failed sign-ins on one account from one address per 15 minutes lock that account FOR
 * THAT ADDRESS until the window ends: someone flooding from one address cannot lock its
 * owner out from anywhere else. A success from that address clears the count.
 */
export const ACCOUNT_ADDRESS_LIMIT: RateLimitRule = {
  name: 'sign_in_failed_account',
  limit: 5,
  windowSeconds: 15 * 60,
};

/** `sign_in_failed_account:<user id>:<address or "unknown">`. */
export function accountAddressKey(userId: string, ip: string | null): string {
  return `${ACCOUNT_ADDRESS_LIMIT.name}:${userId}:${ip ?? 'unknown'}`;
}
/** 10 password-reset requests per IP address (or e-mail) per 15 minutes. */
export const RESET_LIMIT: RateLimitRule = { name: 'password_reset', limit: 10, windowSeconds: 15 * 60 };

export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** When the current window ends (the moment to tell the user to try again). */
export function windowEnd(now: Date, windowSeconds: number): Date {
  return new Date(windowStart(now, windowSeconds).getTime() + windowSeconds * 1000);
}

/** `sign_in:ip:203.0.113.7` or `sign_in:email:jean@exemple.fr`. */
export function rateLimitKey(rule: RateLimitRule, who: { ip: string | null; email: string | null }): string {
  if (who.ip) return `${rule.name}:ip:${who.ip}`;
  return `${rule.name}:email:${(who.email ?? '').trim().toLowerCase()}`;
}

/** 5 attempts at the current password per account per 15 minutes (password change while signed in). */
export const PASSWORD_CHANGE_LIMIT: RateLimitRule = {
  name: 'password_change',
  limit: 5,
  windowSeconds: 15 * 60,
};
