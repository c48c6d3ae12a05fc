import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecret, terminalPassphrases, type PromptTerminal } from '../../../src/app/passphrase-prompt.js';

/** A terminal whose keys are typed by the test; remembers raw mode and what was shown. */
function fakeTerminal(keys: string[]) {
  const input = new PassThrough() as PassThrough & { setRawMode(raw: boolean): void; raw: boolean[] };
  input.raw = [];
  input.setRawMode = (raw) => input.raw.push(raw);
  const output = new PassThrough();
  let shown = '';
  output.on('data', (b: Buffer) => (shown += b.toString()));
  const terminal: PromptTerminal & { shown: () => string; closed: boolean } = {
    input,
    output,
    closed: false,
    shown: () => shown,
    close: () => (terminal.closed = true),
  };
  setImmediate(() => keys.forEach((k) => input.write(k)));
  return { terminal, input };
}

describe('readSecret', () => {
  it('reads a line with echo off, honouring backspace', async () => {
    const { terminal, input } = fakeTerminal(['sesx', '\u007f', 'ame\r']);
    expect(await readSecret(terminal, 'pass: ')).toBe('sesame');
    expect(input.raw).toEqual([true, false]);
    expect((terminal as unknown as { shown: () => string }).shown()).toBe('pass: \n'); // nothing echoed
  });

  it('gives up on Ctrl-C and on an empty line', async () => {
    expect(await readSecret(fakeTerminal(['abc\u0003']).terminal, 'p: ')).toBeUndefined();
    expect(await readSecret(fakeTerminal(['\r']).terminal, 'p: ')).toBeUndefined();
  });
});

describe('terminalPassphrases', () => {
  it('asks nothing when stdin is not a terminal, and says why', () => {
    const provider = terminalPassphrases({
      stdinIsTTY: false,
      openTerminal: () => fakeTerminal([]).terminal,
    });
    expect(provider.unavailable()).toBe('stdin is not a terminal');
  });

  it('asks one question at a time, naming the key, and closes the terminal after each', async () => {
    const terminals: ReturnType<typeof fakeTerminal>['terminal'][] = [];
    const answers = [['one\r'], ['two\r']];
    const provider = terminalPassphrases({
      stdinIsTTY: true,
      openTerminal: () => {
        const t = fakeTerminal(answers.shift() ?? []).terminal;
        terminals.push(t as never);
        return t;
      },
    });
    const [a, b] = await Promise.all([provider.ask('/k/a', 1), provider.ask('/k/b', 2)]);
    expect([a, b]).toEqual(['one', 'two']);
    const shown = terminals.map((t) => (t as unknown as { shown: () => string }).shown());
    expect(shown[0]).toBe("Enter passphrase for key '/k/a' (empty to skip): \n");
    expect(shown[1]).toBe("Wrong passphrase. Enter passphrase for key '/k/b' (empty to skip): \n");
    expect(terminals.every((t) => (t as unknown as { closed: boolean }).closed)).toBe(true);
  });

  it('skips the key when there is no controlling terminal to open', async () => {
    const provider = terminalPassphrases({
      stdinIsTTY: true,
      openTerminal: () => {
        throw Object.assign(new Error('ENXIO'), { code: 'ENXIO' });
      },
    });
    expect(await provider.ask('/k/a', 1)).toBeUndefined();
  });
});
