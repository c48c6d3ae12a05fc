import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelAgent } from '../../../src/docker/channel-agent.js';
import { toHostApiError } from '../../../src/docker/errors.js';
import { JsonObjectSplitter } from '../../../src/docker/json-stream.js';
import { compareApiVersions, negotiateApiVersion } from '../../../src/docker/negotiate.js';
import { SshError } from '../../../src/ssh/errors.js';

describe('negotiateApiVersion', () => {
  it('takes min(ours, theirs) and refuses old or missing versions', () => {
    expect(negotiateApiVersion('1.41')).toEqual({ ok: true, version: '1.41' });
    expect(negotiateApiVersion('1.47')).toEqual({ ok: true, version: '1.43' });
    expect(negotiateApiVersion('1.24')).toEqual({ ok: true, version: '1.24' });
    expect(negotiateApiVersion('1.23').ok).toBe(false);
    expect(negotiateApiVersion(undefined).ok).toBe(false);
    expect(negotiateApiVersion('1.41', '1.40')).toEqual({ ok: true, version: '1.40' });
    expect(compareApiVersions('1.9', '1.10')).toBeLessThan(0);
  });
});

describe('JsonObjectSplitter', () => {
  it('handles objects split anywhere, braces inside strings, and junk between', () => {
    const text = '{"a":"}{\\"x"}\n{"b":{"c":1}}  {"d":2}';
    for (let cut = 1; cut < text.length; cut++) {
      const s = new JsonObjectSplitter();
      const out = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut))];
      expect(out).toEqual([{ a: '}{"x' }, { b: { c: 1 } }, { d: 2 }]);
    }
  });
});

describe('ChannelAgent', () => {
  it('has a cheap inspect (docker-modem inspects it on every request)', () => {
    const agent = new ChannelAgent({
      host: 'web-1',
      readOnly: true,
      openSocket: () => Promise.reject(new Error('x')),
    });
    expect(inspect({ agent }, { showHidden: true, depth: null })).toBe('{ agent: ChannelAgent(web-1) }');
  });
});

describe('toHostApiError', () => {
  it('maps ssh errors to host problems with the host name first', () => {
    const e = toHostApiError('web-1', new SshError('host-key-mismatch', 'host key mismatch for …'), {
      what: 'GET /_ping',
    });
    expect(e.problem).toEqual({ code: 'host-key-mismatch', message: 'web-1: host key mismatch for …' });
    expect(toHostApiError('w', new SshError('unreachable', 'x'), { what: 'y' }).problem.code).toBe(
      'connection-refused',
    );
    expect(toHostApiError('w', new SshError('channel-failed', 'x'), { what: 'y' }).problem.code).toBe(
      'docker-error',
    );
  });

  it('maps socket errors and hang-ups', () => {
    const code = (c: string) =>
      toHostApiError('w', Object.assign(new Error(c), { code: c }), { what: 'GET /x', socketPath: '/s' })
        .problem.code;
    expect(code('EACCES')).toBe('socket-permission-denied');
    expect(code('ENOENT')).toBe('socket-missing');
    expect(code('ECONNRESET')).toBe('disconnected');
    expect(toHostApiError('w', new Error('socket hang up'), { what: 'GET /x' }).problem.code).toBe(
      'disconnected',
    );
  });
});
