import { negotiateApiVersion } from './negotiate.js';

/** The daemon's API version is below what fleetdeck supports (or it reported none). */
export class ApiTooOldError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ApiTooOldError';
  }
}

/**
 * The API version of one gateway's requests: min(ours, the daemon's), learnt once. It needs no
 * round trip of its own: a request sent while it is unknown goes unversioned (the daemon answers
 * at its own version) and the `Api-Version` header of that answer settles it for every later
 * request, so a one-shot `ps` costs one request per host, not a /_ping before it. A /_ping
 * (`ping()`) settles it too. A daemon below MIN_API_VERSION is refused on its first answer.
 */
export class VersionGate {
  private version: string | undefined;

  constructor(private readonly maxApiVersion?: string) {}

  /** The negotiated version, once an answer has told it. */
  get known(): string | undefined {
    return this.version;
  }

  /** `path` as it is sent now: `/v1.43/…` once the version is known, unversioned before. */
  pathFor(path: string): string {
    if (/^\/v\d+\.\d+\//.test(path)) return path;
    return this.version ? `/v${this.version}${path}` : path;
  }

  /**
   * Takes the `Api-Version` header of an answer. Throws ApiTooOldError when it names a version
   * below the oldest supported or is missing, while none is known yet.
   */
  learn(header: string | string[] | undefined): string {
    if (this.version) return this.version;
    const theirs = Array.isArray(header) ? header[0] : header;
    const n = negotiateApiVersion(theirs, this.maxApiVersion);
    // Not remembered: a daemon upgraded (or one that answered oddly once) is asked again next time.
    if (!n.ok) throw new ApiTooOldError(n.reason);
    this.version = n.version;
    return n.version;
  }
}
