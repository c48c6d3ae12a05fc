/*
 * How dockerd reads and applies the `filters` query parameter, modelled for the scale fleet's fake
 * daemon (written from moby's api/types/filters and daemon/events/filter.go, and checked against
 * the real dockerd's recording in test/fixtures/docker-api/events.json by test/scale tests).
 */

/** @typedef {Map<string, Set<string>>} Filters */

/**
 * Parses `filters` as dockerd does: `{"key": ["v", …]}` (or the legacy `{"key": {"v": true}}`).
 * @param {string | null} raw
 * @param {readonly string[]} allowed keys this endpoint accepts
 * @returns {Filters}
 */
export function parseFilters(raw, allowed) {
  /** @type {Filters} */
  const out = new Map();
  if (!raw) return out;
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new FilterError(`invalid filter: ${raw}`);
  }
  if (parsed === null || typeof parsed !== 'object') throw new FilterError(`invalid filter: ${raw}`);
  for (const [key, value] of Object.entries(parsed)) {
    if (!allowed.includes(key)) throw new FilterError(`invalid filter '${key}'`);
    const values = Array.isArray(value) ? value : Object.keys(value ?? {});
    out.set(key, new Set(values.map(String)));
  }
  return out;
}

export class FilterError extends Error {}

/** A key without values matches everything (moby's ExactMatch). */
function exact(/** @type {Filters} */ f, /** @type {string} */ key, /** @type {string} */ value) {
  const values = f.get(key);
  return !values || values.size === 0 || values.has(value);
}

function fuzzy(/** @type {Filters} */ f, /** @type {string} */ key, /** @type {string} */ value) {
  if (exact(f, key, value)) return true;
  for (const prefix of f.get(key) ?? []) if (value.startsWith(prefix)) return true;
  return false;
}

export const EVENT_FILTER_KEYS = ['type', 'event', 'container', 'image', 'label', 'scope', 'daemon'];

/**
 * Whether an event message passes, as daemon/events/filter.go decides: every key must match; an
 * `event` list holding health_status, exec_create or exec_start makes every event value a prefix.
 * @param {Filters} f
 * @param {{ Type: string, Action: string, scope?: string, Actor: { ID: string, Attributes: Record<string, string> } }} m
 */
export function eventMatches(f, m) {
  const events = f.get('event');
  const prefixes = ['health_status', 'exec_create', 'exec_start'].some((v) => events?.has(v));
  const attrs = m.Actor.Attributes;
  const container =
    m.Type !== 'container' || exact(f, 'container', m.Actor.ID) || exact(f, 'container', attrs.name ?? '');
  const label =
    !f.get('label')?.size ||
    [...(f.get('label') ?? [])].every((l) => {
      const [k, v] = l.split('=', 2);
      return v === undefined ? k in attrs : attrs[k] === v;
    });
  const image = m.Type !== 'container' || exact(f, 'image', attrs.image ?? '');
  return (
    exact(f, 'type', m.Type) &&
    (prefixes ? fuzzy(f, 'event', m.Action) : exact(f, 'event', m.Action)) &&
    exact(f, 'scope', m.scope ?? 'local') &&
    container &&
    label &&
    image
  );
}

export const LIST_FILTER_KEYS = ['id', 'name', 'label', 'status', 'ancestor', 'health'];

/**
 * The container list's filters fleetdeck or the docker CLI may send.
 * @param {Filters} f
 * @param {{ Id: string, Names: string[], Labels: Record<string, string>, State: string, Image: string }} c
 * @param {string} health
 */
export function containerMatches(f, c, health) {
  const some = (/** @type {string} */ key, /** @type {(v: string) => boolean} */ test) => {
    const values = f.get(key);
    return !values || values.size === 0 || [...values].some(test);
  };
  return (
    some('id', (v) => c.Id.startsWith(v)) &&
    some('name', (v) => c.Names.some((n) => new RegExp(v).test(n.replace(/^\//, '')))) &&
    some('status', (v) => v === c.State) &&
    some('ancestor', (v) => v === c.Image) &&
    some('health', (v) => v === health) &&
    [...(f.get('label') ?? [])].every((l) => {
      const [k, v] = l.split('=', 2);
      return v === undefined ? k in c.Labels : c.Labels[k] === v;
    })
  );
}
