import ssh2, { type ParsedKey } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { agentSocketFor, AuthSequence, planAuth, type AgentLike } from '../../../src/ssh/auth.js';
import {
  IdentityKeys,
  publicBlobOfOpenSshKey,
  type PassphraseProvider,
} from '../../../src/ssh/identity-keys.js';
import { endpoint } from './fake-client.js';

const plain = ssh2.utils.generateKeyPairSync('ed25519');
const locked = ssh2.utils.generateKeyPairSync('ed25519', {
  passphrase: 'sesame',
  cipher: 'aes256-ctr',
  rounds: 4,
});
const other = ssh2.utils.generateKeyPairSync('ed25519');
const blobOfPub = (pub: string): Buffer => Buffer.from(pub.split(' ')[1] ?? '', 'base64');

const files: Record<string, Buffer> = {
  '/k/id_ok': Buffer.from(plain.private),
  '/k/id_locked': Buffer.from(locked.private),
  '/k/garbage': Buffer.from('not a key'),
};
const readFile = async (p: string): Promise<Buffer> => {
  const f = files[p];
  if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return f;
};

/** An agent holding the given public keys. */
class FakeAgent extends ssh2.BaseAgent<ParsedKey> {
  listed = 0;
  constructor(private readonly pubs: string[]) {
    super();
  }
  getIdentities(cb: (err: Error | null, keys?: ParsedKey[]) => void): void {
    this.listed++;
    cb(
      null,
      this.pubs.map((p) => ssh2.utils.parseKey(p) as ParsedKey),
    );
  }
  sign(): void {}
}

/** Answers passphrases from a list, counting questions. */
function answers(...replies: (string | undefined)[]): PassphraseProvider & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    unavailable: () => undefined,
    ask: async (file, attempt) => {
      asked.push(`${file}#${attempt}`);
      return replies.shift();
    },
  };
}

const server = (identityFiles: string[], extra = {}) => endpoint('h', { identityFiles, ...extra });

describe('planAuth', () => {
  it('offers the agent first, then readable keys in order, and notes missing and unusable ones', async () => {
    const plan = await planAuth(server(['/k/missing', '/k/id_ok', '/k/garbage']), {
      readFile,
      agentSocket: '/a.sock',
    });
    expect(plan.steps.map((s) => s.label)).toEqual(['ssh-agent /a.sock', 'key /k/id_ok']);
    expect(plan.steps[0]?.method).toEqual({ type: 'agent', username: 'ops', agent: '/a.sock' });
    expect(plan.notes[0]).toBe('/k/missing: missing');
    expect(plan.notes[1]).toMatch(/^\/k\/garbage: not usable/);
  });

  it('does not list missing default keys one by one', async () => {
    const plan = await planAuth(server(['/k/id_rsa', '/k/id_ed25519'], { defaultIdentityFiles: true }), {
      readFile,
    });
    expect(plan).toEqual({ steps: [], notes: [] });
  });

  it('asks for the passphrase of an encrypted key once, and uses it', async () => {
    const passphrases = answers('wrong', 'sesame');
    const keys = new IdentityKeys({ readFile, passphrases });
    const plan = await planAuth(server(['/k/id_locked']), { keys });
    expect(passphrases.asked).toEqual(['/k/id_locked#1', '/k/id_locked#2']);
    expect(plan.steps[0]?.method).toMatchObject({ type: 'publickey', passphrase: 'sesame' });
    // Another host with the same key: no second question.
    await planAuth(server(['/k/id_locked']), { keys });
    expect(passphrases.asked).toHaveLength(2);
  });

  it('skips an encrypted key with a note when no passphrase is given, or none can be asked', async () => {
    const declined = await planAuth(server(['/k/id_locked']), {
      keys: new IdentityKeys({ readFile, passphrases: answers(undefined) }),
    });
    expect(declined.steps).toEqual([]);
    expect(declined.notes).toEqual([
      '/k/id_locked: encrypted, and no passphrase was given — load it into ssh-agent (ssh-add /k/id_locked)',
    ]);
    const noTty: PassphraseProvider = {
      ask: async () => 'sesame',
      unavailable: () => 'stdin is not a terminal',
    };
    const noAsk = await planAuth(server(['/k/id_locked']), {
      keys: new IdentityKeys({ readFile, passphrases: noTty }),
    });
    expect(noAsk.notes[0]).toContain('no passphrase can be asked (stdin is not a terminal)');
  });

  it('leaves an encrypted key to the agent when the agent holds it: no question', async () => {
    const passphrases = answers('sesame');
    const agent = new FakeAgent([locked.public]);
    const plan = await planAuth(server(['/k/id_locked']), {
      keys: new IdentityKeys({ readFile, passphrases }),
      agentSocket: '/a.sock',
      agentAt: () => agent,
    });
    expect(passphrases.asked).toEqual([]);
    expect(plan.steps.map((s) => s.label)).toEqual(['ssh-agent /a.sock']);
    expect(plan.notes).toEqual([]);
  });

  it('with IdentitiesOnly offers only the agent keys that are identity files', async () => {
    const agent = new FakeAgent([other.public, plain.public]);
    const plan = await planAuth(server(['/k/id_ok'], { identitiesOnly: true }), {
      readFile,
      agentSocket: '/a.sock',
      agentAt: () => agent,
    });
    const offered = plan.steps[0]?.method;
    expect(offered?.type).toBe('agent');
    const filtered = (offered as { agent: AgentLike }).agent;
    const keys = await new Promise<Buffer[]>((resolve) =>
      filtered.getIdentities((_e, k) => resolve((k ?? []).map((x) => (x as ParsedKey).getPublicSSH()))),
    );
    expect(keys).toEqual([blobOfPub(plain.public)]);
  });

  it('notes certificate files: ssh2 cannot offer user certificates', async () => {
    const plan = await planAuth(server(['/k/id_ok'], { certificateFiles: ['/k/id_ok-cert.pub'] }), {
      readFile,
    });
    expect(plan.notes).toEqual([
      '/k/id_ok-cert.pub: not offered — ssh2 cannot log in with user certificates; the key alone is tried',
    ]);
  });
});

describe('agentSocketFor (IdentityAgent)', () => {
  const sources = { agentSocket: '/env.sock', env: { MY_AGENT: '/mine.sock' } };
  it.each([
    [undefined, '/env.sock'],
    ['SSH_AUTH_SOCK', '/env.sock'],
    ['none', undefined],
    ['$MY_AGENT', '/mine.sock'],
    ['${MY_AGENT}', '/mine.sock'],
    ['$UNSET', undefined],
    ['/run/agent.sock', '/run/agent.sock'],
  ])('%s → %s', (setting, socket) => {
    expect(agentSocketFor({ identityAgent: setting }, sources)).toBe(socket);
  });
});

describe('publicBlobOfOpenSshKey', () => {
  it('reads the public key an encrypted OpenSSH key carries in clear', () => {
    expect(publicBlobOfOpenSshKey(locked.private)).toEqual(blobOfPub(locked.public));
    expect(publicBlobOfOpenSshKey('junk')).toBeUndefined();
  });
});

describe('AuthSequence', () => {
  it('hands ssh2 one step at a time, then false, and remembers what it tried', () => {
    const seq = new AuthSequence([
      { method: { type: 'agent', username: 'u', agent: '/a' }, label: 'ssh-agent /a' },
      { method: { type: 'publickey', username: 'u', key: 'k' }, label: 'key /k' },
    ]);
    const given: unknown[] = [];
    for (let i = 0; i < 3; i++) seq.handler([], false, (m) => given.push(m));
    expect(given).toEqual([
      { type: 'agent', username: 'u', agent: '/a' },
      { type: 'publickey', username: 'u', key: 'k' },
      false,
    ]);
    expect(seq.tried).toEqual(['ssh-agent /a', 'key /k']);
    expect(seq.current).toBe('key /k');
  });
});
