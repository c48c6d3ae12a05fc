/** Short forms of what Docker says about a container, to save width in cells. */

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

/** Command words as a shell line would read: a word with spaces or quotes is quoted. */
export function shellJoin(parts: readonly string[]): string {
  return parts.map((p) => (/\s|"/.test(p) || p === '' ? JSON.stringify(p) : p)).join(' ');
}
