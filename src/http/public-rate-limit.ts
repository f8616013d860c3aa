/**
 * Rate limits of the public (no login) routes, per client address: reads and submissions.
 * GUIFAN_PUBLIC_RATE_LIMIT sets the submissions per minute (default 10); reads get six times that.
 */
export function publicRateLimit(env: NodeJS.ProcessEnv = process.env) {
  const n = Number(env.GUIFAN_PUBLIC_RATE_LIMIT);
  const max = Number.isSafeInteger(n) && n > 0 ? n : 10;
  return { post: { max, timeWindow: 60_000 }, read: { max: max * 6, timeWindow: 60_000 } };
}
