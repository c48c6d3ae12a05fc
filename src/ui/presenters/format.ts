/** Small, pure formatting helpers shared by presenters. */

const BYTE_UNITS = ['B', 'K', 'M', 'G', 'T', 'P'] as const;

/** Binary units, at most 4 characters of number: 512B, 1.5K, 230M, 12G. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 && unit > 0 ? 1 : 0;
  return `${value.toFixed(digits)}${BYTE_UNITS[unit]}`;
}

export function formatPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return `${value < 100 ? value.toFixed(1) : value.toFixed(0)}%`;
}

/** Compact duration: 42s, 5m, 3h, 12d. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const DOCKER_UNITS: Record<string, string> = {
  second: 's',
  seconds: 's',
  minute: 'm',
  minutes: 'm',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  month: 'mo',
  months: 'mo',
  year: 'y',
  years: 'y',
};

/**
 * Uptime from Docker's status text ("Up 3 minutes (healthy)", "Up About an hour"): the list API gives
 * no start time, and inspecting every container just for this would cost a call per row.
 */
export function uptimeFromStatus(status: string): string {
  const m = /^Up (.+?)(?: \((?:healthy|unhealthy|health: starting|Paused)\))*$/i.exec(status.trim());
  if (!m?.[1]) return '-';
  const text = m[1].replace(/ \(Paused\)$/i, '');
  if (/^less than a second$/i.test(text)) return '<1s';
  const about = /^about an? (\w+)$/i.exec(text);
  if (about?.[1]) return `~1${DOCKER_UNITS[about[1].toLowerCase()] ?? ''}`;
  const exact = /^(\d+) (\w+)$/.exec(text);
  if (exact?.[1] && exact[2]) return `${exact[1]}${DOCKER_UNITS[exact[2].toLowerCase()] ?? exact[2]}`;
  return text;
}

export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Pads or cuts to exactly `width` columns, marking a cut with an ellipsis. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'right' ? pad + text : text + pad;
}

export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** Image reference without a registry host and digest, to save width. */
export function shortImage(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const parts = noDigest.split('/');
  if (parts.length > 1 && /[.:]/.test(parts[0] ?? '')) parts.shift();
  return parts.join('/');
}
