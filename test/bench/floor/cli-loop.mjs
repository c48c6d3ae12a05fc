/*
 * The baseline a user has without fleetdeck: `docker -H ssh://root@127.0.0.1:PORT ps -a` over the
 * hosts, one after another (the docker CLI spawns ssh and `docker system dial-stdio` per host).
 * A wrapper first on PATH gives that ssh the inventory's key and known_hosts.
 *
 *   node test/bench/floor/cli-loop.mjs INVENTORY.json [--hosts N]
 *
 * Prints one JSON line: { hosts, ok, ms, perHostMs }. Exit 0 when every host answered.
 */
import { performance } from 'node:perf_hooks';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const t0 = performance.now();
const { positionals, values } = parseArgs({ allowPositionals: true, options: { hosts: { type: 'string' } } });
const inventory = JSON.parse(readFileSync(positionals[0] ?? '', 'utf8'));
const hosts = inventory.hosts.slice(0, Number(values.hosts ?? inventory.hosts.length));

const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-cli-loop-'));
const config = join(dir, 'ssh_config');
writeFileSync(
  config,
  `Host 127.0.0.1\n  IdentityFile ${inventory.clientKey}\n  UserKnownHostsFile ${inventory.knownHosts}\n  StrictHostKeyChecking yes\n  BatchMode yes\n`,
);
writeFileSync(join(dir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`);
chmodSync(join(dir, 'ssh'), 0o755);
const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
delete env.DOCKER_HOST;
delete env.DOCKER_CONTEXT;

let ok = 0;
/** @type {string[]} */
const failures = [];
for (const h of hosts) {
  await new Promise((resolve) =>
    execFile(
      'docker',
      ['-H', `ssh://root@127.0.0.1:${h.port}`, 'ps', '-a'],
      { env, maxBuffer: 1 << 26 },
      (err) => {
        if (err) failures.push(`${h.name}: ${err.message.split('\n')[0]}`);
        else ok++;
        resolve(undefined);
      },
    ),
  );
}
const ms = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ hosts: hosts.length, ok, ms, perHostMs: ms / hosts.length, failures: failures.slice(0, 5) })}\n`,
);
process.exit(ok === hosts.length ? 0 : 3);
