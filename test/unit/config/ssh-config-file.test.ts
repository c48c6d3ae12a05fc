import { describe, expect, it } from 'vitest';
import { matchesHostPatterns, readSshConfigOptions } from '../../../src/config/ssh/ssh-config-file.js';

const userConfig = `
# global line before any Host applies to everyone
ServerAliveInterval 30

Host bastion
  HostName 203.0.113.9
  User jump

Host web-? !web-9
  HostName %h.internal.example
  User deploy
  Port 2222
  IdentityFile ~/.ssh/web_key

Host *.example "quoted alias"
  User=example-user
  IdentityFile = "~/.ssh/with space"

Host *
  User fallback
  Port 22
  IdentityFile ~/.ssh/id_general
  ProxyJump bastion

Match originalhost db-*
  Port 5433
`;

const get = (text: string, alias: string) => readSshConfigOptions([text], alias);

describe('fallback ssh_config reader', () => {
  it('takes the first value per keyword and accumulates IdentityFile', () => {
    const options = get(userConfig, 'web-1');
    expect(options.get('hostname')).toEqual(['%h.internal.example']);
    expect(options.get('user')).toEqual(['deploy']);
    expect(options.get('port')).toEqual(['2222']);
    expect(options.get('identityfile')).toEqual(['~/.ssh/web_key', '~/.ssh/id_general']);
    expect(options.get('proxyjump')).toEqual(['bastion']);
    expect(options.get('serveraliveinterval')).toEqual(['30']);
  });

  it('honours negated patterns', () => {
    const options = get(userConfig, 'web-9');
    expect(options.get('user')).toEqual(['fallback']);
    expect(options.get('hostname')).toBeUndefined();
  });

  it('handles `=` separators and quoted arguments', () => {
    const options = get(userConfig, 'a.example');
    expect(options.get('user')).toEqual(['example-user']);
    expect(options.get('identityfile')).toEqual(['~/.ssh/with space', '~/.ssh/id_general']);
  });

  it('matches Host patterns case-insensitively and `?` as exactly one character', () => {
    expect(get(userConfig, 'WEB-1').get('user')).toEqual(['deploy']);
    expect(get(userConfig, 'web-10').get('user')).toEqual(['fallback']);
  });

  it('applies `Match originalhost` blocks only after earlier values', () => {
    expect(get(userConfig, 'db-1').get('port')).toEqual(['22']);
    expect(get('Match originalhost db-*\n  Port 5433\n', 'db-1').get('port')).toEqual(['5433']);
    expect(get('Match exec "true"\n  Port 5433\n', 'db-1').get('port')).toBeUndefined();
  });

  it('reads the user file before the system file', () => {
    const options = readSshConfigOptions(
      ['Host x\n  User mine\n', 'Host *\n  User system\n  Port 2022\n'],
      'x',
    );
    expect(options.get('user')).toEqual(['mine']);
    expect(options.get('port')).toEqual(['2022']);
  });
});

describe('matchesHostPatterns', () => {
  it.each([
    ['a', ['*'], true],
    ['a', ['* !a'.split(' ')].flat(), false],
    ['a', ['!a'], false],
    ['b', ['!a'], false],
    ['x.y', ['*.y,z'], true],
    ['z', ['*.y,z'], true],
    ['ab', ['a?'], true],
    ['abc', ['a?'], false],
  ])('%s vs %j → %s', (host, patterns, expected) => {
    expect(matchesHostPatterns(host, patterns)).toBe(expected);
  });
});
