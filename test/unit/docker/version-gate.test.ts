import { describe, expect, it } from 'vitest';
import { ApiTooOldError, VersionGate } from '../../../src/docker/version-gate.js';

describe('VersionGate', () => {
  it('sends unversioned until an answer tells the version, then min(ours, theirs)', () => {
    const gate = new VersionGate('1.43');
    expect(gate.pathFor('/containers/json?all=true')).toBe('/containers/json?all=true');
    expect(gate.learn('1.47')).toBe('1.43');
    expect(gate.pathFor('/info')).toBe('/v1.43/info');
    // A path that names its version keeps it.
    expect(gate.pathFor('/v1.41/info')).toBe('/v1.41/info');
  });

  it('takes the daemon’s version when it is older than ours, and keeps the first it learnt', () => {
    const gate = new VersionGate('1.43');
    expect(gate.learn(['1.41'])).toBe('1.41');
    expect(gate.learn('1.43')).toBe('1.41');
  });

  it('refuses a version below the minimum, or none, and learns nothing from it', () => {
    const gate = new VersionGate('1.43');
    expect(() => gate.learn('1.12')).toThrow(ApiTooOldError);
    expect(() => gate.learn(undefined)).toThrow(/did not report an API version/);
    expect(gate.known).toBeUndefined();
    expect(gate.learn('1.41')).toBe('1.41');
  });
});
