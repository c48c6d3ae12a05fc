import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT } from '../support/lab-script.js';
import { removeTempHome, TmuxSession } from '../support/tmux.js';

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const HEADER = /fleetdeck .*\b1:Hosts\b.*\b4:Events/;

/**
 * The Images view of the real binary in a real terminal (tmux, 120×40) against the lab: Tab to it,
 * the lab image on every host, Enter lists where it is and what uses it, and P in read-only mode is
 * refused by the executor (and audited) with the plan shown.
 */
describeLab('resource views in tmux against the lab', (lab) => {
  let tmux: TmuxSession;
  let home: string;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'fleetdeck-res-tmux-'));
    tmux = await TmuxSession.start({ columns: 120, rows: 40, cwd: REPO_ROOT, env: { HOME: home } });
    await tmux.waitFor(/^\$/m, 10_000, 'the shell prompt');
  });

  afterEach(async () => {
    await tmux.kill();
    removeTempHome(home);
  });

  it('Tab to Images lists tiny:latest on every lab host; Enter lists hosts and containers; P read-only is refused', async () => {
    const dataDir = join(home, 'data');
    await tmux.type(
      `FLEETDECK_DATA_DIR=${dataDir} node ${BIN} --fleet ${lab.fleetFile} --read-only; echo FLEETDECK_EXIT=$?`,
    );
    const all = lab.hosts.length;
    await tmux.waitFor((s) => HEADER.test(s) && s.includes(`${all}/${all} up`), 30_000, 'all hosts up');

    // Hosts → Roles → Containers → Events → Storage → Images.
    await tmux.keys('Tab', 'Tab', 'Tab', 'Tab', 'Tab');
    const list = await tmux.waitFor(
      (s) => new RegExp(`^Images · \\d+ · ${all} hosts · read`, 'm').test(s) && s.includes('tiny:latest'),
      30_000,
      'the Images view with the lab image',
    );
    expect(list).toMatch(/ID\s+TAGS\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING/);
    const row = list.split('\n').find((l) => l.includes('tiny:latest')) ?? '';
    const shown = lab.hosts.slice(0, 3).map((h) => h.name);
    expect(row).toContain(shown.join(','));
    if (all > 3) expect(row).toContain(`+${all - 3}`);

    await tmux.keys('/', 'l', 'a', 't', 'e', 's', 't', 'Enter', 'Enter');
    // Wait for the whole page, not its first lines: a capture can land while the frame is being
    // drawn (a CI run saw the page cut off after five of lab-0's containers).
    const firstUser = `${lab.hosts[0]!.name}/web-1`;
    const page = await tmux.waitFor(
      (s) => /Where: \d+ hosts?, \d+ containers?/.test(s) && s.includes(firstUser),
      15_000,
      'the places of tiny:latest with lab-0/web-1 among its users',
    );
    expect(page).toMatch(new RegExp(`Where: ${all} hosts`));
    // Per host its part and the containers using it (the page scrolls: the first host is on screen).
    expect(page).toMatch(new RegExp(`^\\s+${lab.hosts[0]!.name}\\s+\\S+, used by [1-9]`, 'm'));
    expect(page).toContain(firstUser);

    // Esc and P apart: in one chunk they read as Alt-P.
    await tmux.keys('Escape');
    await tmux.waitFor(/^Images · \/latest\/ · 1 of/m, 10_000, 'back to the Images list');
    await tmux.keys('P');
    const refused = await tmux.waitFor(
      /refused: read-only mode: prune of images refused/,
      30_000,
      'the refusal',
    );
    expect(refused).toMatch(/prune images on \d+ hosts/);
    const audit = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(audit.map((l) => JSON.parse(l) as { action: string; result?: string })).toEqual([
      expect.objectContaining({ action: 'prune', result: 'refused' }),
    ]);

    // Volumes and Networks are read on entering them; `none` is on every host, the daemon's own.
    await tmux.keys('Enter');
    await tmux.waitFor(/^Images · /m, 10_000, 'the dialog closed');
    await tmux.keys('Tab');
    const volumes = await tmux.waitFor(
      new RegExp(`^Volumes · \\d+ · ${all} hosts · read`, 'm'),
      30_000,
      'Volumes',
    );
    expect(volumes).toMatch(/NAME\s+DRIVER\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING/);
    await tmux.keys('Tab');
    const networks = await tmux.waitFor(/^\s+none\s+null\s+local\s/m, 30_000, 'Networks with none');
    const none = networks.split('\n').find((l) => /^\s+none\s/.test(l)) ?? '';
    expect(none).toContain(shown.join(','));
    expect(none).toMatch(/builtin\s*$/);

    await tmux.keys('q');
    await tmux.waitFor('FLEETDECK_EXIT=0', 20_000, 'exit 0');
  });
});
