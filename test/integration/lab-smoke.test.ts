import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeLab, dockerCli, sshRun } from '../support/lab.js';

/* The lab is real: each host's daemon answers with the role containers, and the inventory is right. */

const ROLE_CONTAINERS = ['cron', 'failed', 'healthy', 'sigignore', 'siglog', 'web-1', 'web-2', 'worker-1'];

describeLab('lab smoke', (lab) => {
  it.each(lab.hosts.map((host, index) => [host.name, index] as const))(
    '%s answers on its socket with every role container',
    async (_name, index) => {
      const ps = await dockerCli(index, ['ps', '-a', '--format', '{{.Names}} {{.State}}']);
      expect(ps.code, ps.stderr).toBe(0);
      const states = new Map(
        ps.stdout
          .trim()
          .split('\n')
          .map((line) => line.split(' ') as [string, string]),
      );
      expect([...states.keys()].sort()).toEqual(ROLE_CONTAINERS);
      expect(states.get('failed')).toBe('exited');
      expect(states.get('web-1')).toBe('running');
    },
  );

  it('runs one host on btrfs, as its inventory says', async () => {
    const index = lab.hosts.findIndex((host) => host.storageDriver === 'btrfs');
    expect(index, 'no lab host has storageDriver btrfs').toBeGreaterThanOrEqual(0);
    const info = await dockerCli(index, ['info', '--format', '{{.Driver}}']);
    expect(info.stdout.trim()).toBe('btrfs');
    expect(lab.hosts[index]?.btrfsImage).toBeTruthy();
  });

  it('reaches each host over ssh with the lab key and known_hosts; DOCKER_HOST comes from sshd', async () => {
    for (const [index, host] of lab.hosts.entries()) {
      const result = await sshRun(index, 'echo "$DOCKER_HOST"; docker ps --format "{{.Names}}"');
      expect(result.code, `${host.name}: ${result.stderr}`).toBe(0);
      const [dockerHost, ...names] = result.stdout.trim().split('\n');
      expect(dockerHost).toBe(`unix://${host.dockerSocket}`);
      expect(names).toContain('web-1');
      expect(names).not.toContain('failed');
    }
  });

  it('writes a fleet file naming every host with its ssh target, key and socket', () => {
    const fleet = parse(readFileSync(lab.fleetFile, 'utf8')) as {
      knownHostsFile: string;
      hosts: { name: string; ssh: string; identityFile: string; socket: string }[];
    };
    expect(fleet.knownHostsFile).toBe(lab.knownHosts);
    expect(fleet.hosts).toEqual(
      lab.hosts.map((host) =>
        expect.objectContaining({
          name: host.name,
          ssh: `root@127.0.0.1:${host.port}`,
          identityFile: lab.clientKey,
          socket: host.dockerSocket,
        }),
      ),
    );
  });
});
