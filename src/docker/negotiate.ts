/** Newest Engine API version fleetdeck speaks (dockerode 5 era); hosts speaking newer get this. */
export const OUR_API_VERSION = '1.43';
/** Oldest we accept: Docker 1.12 (1.24) is the first with the endpoints and fields we read. */
export const MIN_API_VERSION = '1.24';

function parts(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b. Unparseable sorts lowest. */
export function compareApiVersions(a: string, b: string): number {
  const pa = parts(a) ?? [0, 0];
  const pb = parts(b) ?? [0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1];
}

export type Negotiated = { ok: true; version: string } | { ok: false; reason: string };

/** min(ours, theirs), refused below MIN_API_VERSION. `theirs` is /_ping's Api-Version header. */
export function negotiateApiVersion(theirs: string | undefined, ours = OUR_API_VERSION): Negotiated {
  if (!theirs || !parts(theirs)) {
    return {
      ok: false,
      reason: `the daemon did not report an API version (Api-Version: ${theirs ?? 'missing'})`,
    };
  }
  const version = compareApiVersions(theirs, ours) < 0 ? theirs.replace(/^v/, '') : ours;
  if (compareApiVersions(version, MIN_API_VERSION) < 0) {
    return {
      ok: false,
      reason: `Docker API ${version} is older than ${MIN_API_VERSION}, the oldest fleetdeck supports — upgrade Docker on this host`,
    };
  }
  return { ok: true, version };
}
