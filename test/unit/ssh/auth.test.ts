import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { planAuth } from '../../../src/ssh/auth.js';

const pem = ssh2.utils.generateKeyPairSync('ed25519').private;
const files: Record<string, Buffer> = {
  '/k/id_ok': Buffer.from(pem),
  '/k/garbage': Buffer.from('not a key'),
};
const readFile = async (p: string): Promise<Buffer> => {
  const f = files[p];
  if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return f;
};

describe('planAuth', () => {
  it('uses readable keys in order, notes missing and unusable ones, then the agent', async () => {
    const plan = await planAuth('ops', ['/k/missing', '/k/id_ok', '/k/garbage'], {
      readFile,
      agentSocket: '/a.sock',
    });
    expect(plan.attempts.map((a) => a.type)).toEqual(['publickey', 'agent']);
    expect(plan.notes[0]).toBe('/k/missing: missing');
    expect(plan.notes[1]).toMatch(/^\/k\/garbage: not usable/);
  });

  it('has nothing to try without keys or agent', async () => {
    expect((await planAuth('ops', ['/k/missing'], { readFile })).attempts).toEqual([]);
  });
});
