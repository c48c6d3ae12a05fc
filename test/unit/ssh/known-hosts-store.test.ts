import { mkdtempSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKnownHostsStore } from '../../../src/ssh/known-hosts-store.js';

const dir = () => mkdtempSync(join(tmpdir(), 'fd-kh-'));
const hasLine = (line: string) => (text: string) => text.split('\n').includes(line);

describe('fileKnownHostsStore', () => {
  it('shares one read among reads at the same moment, and reads again afterwards', async () => {
    const file = join(dir(), 'known_hosts');
    writeFileSync(file, 'a ssh-ed25519 AAAA\n');
    const store = fileKnownHostsStore();
    const reads = [store.read(file), store.read(file)];
    expect(reads[0]).toBe(reads[1]);
    expect(await reads[0]).toBe('a ssh-ed25519 AAAA\n');
    writeFileSync(file, 'b ssh-ed25519 BBBB\n');
    expect(await store.read(file)).toBe('b ssh-ed25519 BBBB\n');
  });

  it('reads a missing file as empty and creates it (and its directory) on append', async () => {
    const file = join(dir(), 'sub', 'known_hosts');
    const store = fileKnownHostsStore();
    expect(await store.read(file)).toBe('');
    expect(await store.append(file, 'a ssh-ed25519 AAAA', hasLine('a ssh-ed25519 AAAA'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('a ssh-ed25519 AAAA\n');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('adds the missing newline of the last line before appending', async () => {
    const file = join(dir(), 'known_hosts');
    writeFileSync(file, 'old ssh-ed25519 AAAA');
    await fileKnownHostsStore().append(file, 'new ssh-ed25519 BBBB', () => false);
    expect(readFileSync(file, 'utf8')).toBe('old ssh-ed25519 AAAA\nnew ssh-ed25519 BBBB\n');
  });

  it('writes a line once when many connections (and two processes) record it at the same time', async () => {
    const file = join(dir(), 'known_hosts');
    // Two stores stand for two processes: they share only the file and its lock.
    const stores = [fileKnownHostsStore(), fileKnownHostsStore()];
    const line = '[10.0.0.7]:2222 ssh-ed25519 AAAA';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stores[i % 2]!.append(file, line, hasLine(line))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(`${line}\n`);
  });

  it('keeps different lines from concurrent writers whole', async () => {
    const file = join(dir(), 'known_hosts');
    const stores = [fileKnownHostsStore(), fileKnownHostsStore()];
    const lines = Array.from({ length: 20 }, (_, i) => `h${i} ssh-ed25519 ${'A'.repeat(60)}${i}`);
    await Promise.all(lines.map((l, i) => stores[i % 2]!.append(file, l, hasLine(l))));
    expect(readFileSync(file, 'utf8').trim().split('\n').sort()).toEqual([...lines].sort());
  });

  it('takes over a lock left by a process that died', async () => {
    const file = join(dir(), 'known_hosts');
    writeFileSync(`${file}.lock`, '');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${file}.lock`, old, old);
    expect(await fileKnownHostsStore().append(file, 'x ssh-ed25519 AAAA', () => false)).toBe(true);
  });
});
