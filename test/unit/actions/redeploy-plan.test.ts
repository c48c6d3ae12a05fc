import { describe, expect, it } from 'vitest';
import { parseBatch, planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { details } from './fake-mutations.js';

const web = [
  details('lab-1', 'web-1'),
  details('lab-0', 'web-2'),
  details('lab-2', 'web-1'),
  details('lab-0', 'web-1'),
  details('lab-1', 'web-2'),
];
const everywhere = ['lab-0', 'lab-1', 'lab-2'];

describe('planRedeploy', () => {
  it('batches spread across hosts in turn, start-first without published ports', () => {
    const plan = planRedeploy({
      role: 'web',
      image: 'tiny:v2',
      replicas: web,
      batch: '2',
      waitSeconds: 3,
      imagePresentOn: everywhere,
    });
    expect(plan.summary).toBe('redeploy role:web to tiny:v2: 5 replicas on 3 hosts, 3 batches of ≤ 2');
    expect(plan.steps).toEqual([
      'check tiny:v2 is present on lab-0, lab-1, lab-2',
      'lock role web on lab-0, lab-1, lab-2 (container fleetdeck-lock-web)',
      'batch 1: lab-0/web-1: create web-1 from tiny:v2, start, wait running 3 s, then stop old',
      'batch 1: lab-1/web-1: create web-1 from tiny:v2, start, wait running 3 s, then stop old',
      'batch 2: lab-2/web-1: create web-1 from tiny:v2, start, wait running 3 s, then stop old',
      'batch 2: lab-0/web-2: create web-2 from tiny:v2, start, wait running 3 s, then stop old',
      'batch 3: lab-1/web-2: create web-2 from tiny:v2, start, wait running 3 s, then stop old',
      'a failed batch stops the rollout and puts that batch back on its old image',
    ]);
    expect(plan.batches.map((b) => b.map((s) => `${s.container.host}/${s.container.name}`))).toEqual([
      ['lab-0/web-1', 'lab-1/web-1'],
      ['lab-2/web-1', 'lab-0/web-2'],
      ['lab-1/web-2'],
    ]);
    expect(plan.batches[0]?.[0]).toEqual({
      container: { host: 'lab-0', id: 'lab-0-web-1-0001', name: 'web-1' },
      oldImage: 'tiny:latest',
      newImage: 'tiny:v2',
      order: 'start-first',
      reason: 'no published host ports: the new one starts before the old one stops',
      hasHealthcheck: false,
    });
    expect(plan.confirmation).toEqual({
      mode: 'type',
      text: 'web',
      prompt: `${plan.summary} — type "web" to proceed`,
    });
    expect(plan.params).toEqual({ image: 'tiny:v2', batch: 2, waitSeconds: 3, healthTimeoutSeconds: 60 });
  });

  it('a replica publishing a host port is stopped first; a health-checked one waits for healthy', () => {
    const plan = planRedeploy({
      role: 'api',
      image: 'api:2',
      replicas: [
        details('h1', 'api-1', {
          health: 'healthy',
          ports: [
            { privatePort: 80, publicPort: 8080, type: 'tcp' },
            { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
          ],
        }),
      ],
      healthTimeoutSeconds: 30,
      migrate: 'app migrate',
      imagePresentOn: ['h1'],
    });
    expect(plan.steps).toEqual([
      'check api:2 is present on h1',
      'lock role api on h1 (container fleetdeck-lock-api)',
      'migrate: run `app migrate` once in a one-off api:2 container configured like h1/api-1',
      'batch 1: h1/api-1: stop old (publishes host port 8080: old and new cannot both bind it), create api-1 from api:2, start, wait healthy (≤ 30 s)',
      'a failed batch stops the rollout and puts that batch back on its old image',
    ]);
    expect(plan.migrate).toEqual({
      command: 'app migrate',
      via: { host: 'h1', id: 'h1-api-1-0001', name: 'api-1' },
    });
  });

  it('a host lacking the image gets it loaded from a host that has it, before batch 1', () => {
    const plan = planRedeploy({
      role: 'web',
      image: 'tiny:v3',
      replicas: web.slice(0, 2),
      imagePresentOn: ['lab-0'],
    });
    expect(plan.loads).toEqual([{ image: 'tiny:v3', from: 'lab-0', to: 'lab-1' }]);
    expect(plan.summary).toBe(
      'redeploy role:web to tiny:v3: 2 replicas on 2 hosts, 2 batches of ≤ 1, after loading the image on lab-1',
    );
    expect(plan.steps).toEqual([
      'load tiny:v3 on lab-1 from lab-0 (docker save on lab-0 streamed into docker load on lab-1 over SSH)',
      'check tiny:v3 is present on lab-0, lab-1 with one image ID (a failed load stops here: nothing was stopped)',
      'lock role web on lab-0, lab-1 (container fleetdeck-lock-web)',
      'batch 1: lab-0/web-2: create web-2 from tiny:v3, start, wait running 5 s, then stop old',
      'batch 2: lab-1/web-1: create web-1 from tiny:v3, start, wait running 5 s, then stop old',
      'a failed batch stops the rollout and puts that batch back on its old image',
    ]);
    expect(plan.params).toEqual({
      image: 'tiny:v3',
      batch: 1,
      waitSeconds: 5,
      healthTimeoutSeconds: 60,
      loads: ['lab-0->lab-1'],
    });
  });

  it('load sources: up non-targets first, spread in turn; a target source when no other is up', () => {
    const spread = planRedeploy({
      role: 'web',
      image: 'tiny:v3',
      replicas: web,
      imagePresentOn: ['lab-0', 'store-1', 'store-2', 'store-3'],
      downHosts: ['store-3'],
    });
    expect(spread.loads).toEqual([
      { image: 'tiny:v3', from: 'store-1', to: 'lab-1' },
      { image: 'tiny:v3', from: 'store-2', to: 'lab-2' },
    ]);
    const fromTarget = planRedeploy({
      role: 'web',
      image: 'tiny:v3',
      replicas: web,
      imagePresentOn: ['lab-0', 'store-1'],
      downHosts: ['store-1'],
    });
    expect(fromTarget.loads).toEqual([
      { image: 'tiny:v3', from: 'lab-0', to: 'lab-1' },
      { image: 'tiny:v3', from: 'lab-0', to: 'lab-2' },
    ]);
    const onlyDown = planRedeploy({
      role: 'web',
      image: 'tiny:v3',
      replicas: web,
      imagePresentOn: ['store-1'],
      downHosts: ['store-1'],
    });
    expect(onlyDown.loads.map((l) => l.from)).toEqual(['store-1', 'store-1', 'store-1']);
  });

  it('refuses before anything stops when no fleet host has the image, naming the hosts and the fix', () => {
    expect(() => planRedeploy({ role: 'web', image: 'tiny:v3', replicas: web, imagePresentOn: [] })).toThrow(
      'image tiny:v3 is on no fleet host (missing on lab-0, lab-1, lab-2) — nothing was stopped; build or pull it on one host (or `docker load` it there) and redeploy again',
    );
  });

  it('ignores containers fleetdeck left (renamed old replicas, locks)', () => {
    const plan = planRedeploy({
      role: 'web',
      image: 'tiny:v2',
      replicas: [
        details('lab-0', 'web-1'),
        details('lab-0', 'web-1_fleetdeck-old'),
        details('lab-0', 'fleetdeck-lock-web'),
      ],
      imagePresentOn: ['lab-0'],
    });
    expect(plan.batches.flat().map((s) => s.container.name)).toEqual(['web-1']);
  });

  it('batch sizes: numbers, percentages rounded up, at least 1, at most all', () => {
    expect(parseBatch(undefined, 6)).toBe(1);
    expect(parseBatch('2', 6)).toBe(2);
    expect(parseBatch('25%', 6)).toBe(2);
    expect(parseBatch('100%', 6)).toBe(6);
    expect(parseBatch('10', 6)).toBe(6);
    expect(() => parseBatch('0', 6)).toThrow(/at least 1/);
    expect(() => parseBatch('two', 6)).toThrow(
      '--batch "two": use a number of replicas (2) or a percentage (25%)',
    );
  });
});
