const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * `--since` as epoch seconds: a duration back from `nowMs` (`90s`, `10m`, `1h30m`, `2d`), an RFC3339
 * time or date, or epoch seconds — like `docker logs --since`.
 */
export function parseSince(
  text: string,
  nowMs: number,
): { ok: true; seconds: number } | { ok: false; error: string } {
  const t = text.trim();
  if (DURATION.test(t)) {
    let total = 0;
    for (const m of t.matchAll(DURATION_PART)) total += Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 1);
    return { ok: true, seconds: nowMs / 1000 - total };
  }
  if (/^\d+(?:\.\d+)?$/.test(t)) return { ok: true, seconds: Number(t) };
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return { ok: true, seconds: ms / 1000 };
  }
  return {
    ok: false,
    error: `--since "${text}": expected a duration (10m, 1h30m), an RFC3339 time (2024-05-01T12:00:00Z) or epoch seconds`,
  };
}
