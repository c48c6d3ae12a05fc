import { describe, expect, it } from 'vitest';
import { planSwarmRedeploy, swarmUpdateSpec } from '../../../src/actions/planners/swarm-redeploy-plan.js';
import type { SwarmRedeployPlanInput } from '../../../src/actions/planners/swarm-redeploy-plan.js';
import { swarmService } from './swarm-fake.js';

const input = (over: Partial<SwarmRedeployPlanInput> = {}): SwarmRedeployPlanInput => ({
  role: 'api',
  image: 'tiny:v2',
  service: swarmService(),
  runningTasks: 3,
  matchedBy: 'service-name',
  taskHosts: ['lab-1'],
  imagePresentOn: ['lab-1'],
  tasksOutsideFleet: 0,
  batch: '1',
  waitSeconds: 2,
  healthTimeoutSeconds: 10,
  ...over,
});

describe('planSwarmRedeploy', () => {
  it('plans one service update: UpdateConfig from --batch/--wait/--health-timeout, rollback on failure, start-first', () => {
    const summary = 'redeploy role:api to tiny:v2: Swarm service api on lab-1, 3 tasks, 1 at a time';
    expect(planSwarmRedeploy(input())).toEqual({
      kind: 'redeploy',
      via: 'swarm',
      target: 'role:api',
      summary,
      steps: [
        'role api is Swarm service api, id svc012345678, version 42: 3 running tasks of tiny:latest',
        'check tiny:v2 is present on lab-1',
        'update the service on lab-1 (version 42): image tiny:v2, used as given — no registry query (--no-resolve-image)',
        'the swarm rolls 1 task at a time, 2 s between batches, watching each new task 10 s; order start-first (no published ports: a new task starts before its old one stops)',
        'a failed task makes the swarm roll the whole service back to tiny:latest (FailureAction rollback); the redeploy then fails',
        'follow UpdateStatus and the tasks on lab-1 until completed or rolled back',
      ],
      hosts: ['lab-1'],
      confirmation: { mode: 'type', text: 'api', prompt: `${summary} — type "api" to proceed` },
      params: { image: 'tiny:v2', batch: 1, waitSeconds: 2, healthTimeoutSeconds: 10, swarmService: 'api' },
      loads: [],
      role: 'api',
      image: 'tiny:v2',
      manager: 'lab-1',
      service: { id: 'svc0123456789abcdef', name: 'api', version: 42, image: 'tiny:latest', tasks: 3 },
      update: {
        parallelism: 1,
        delaySeconds: 2,
        failureAction: 'rollback',
        monitorSeconds: 10,
        maxFailureRatio: 0,
        order: 'start-first',
      },
      orderReason: 'no published ports: a new task starts before its old one stops',
      batchSize: 1,
      waitSeconds: 2,
      healthTimeoutSeconds: 10,
    });
  });

  it('published ports make it stop-first; a percentage batch counts running tasks; tasks outside the fleet are named', () => {
    const plan = planSwarmRedeploy(
      input({
        service: swarmService({
          publishedPorts: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'host' }],
        }),
        runningTasks: 4,
        batch: '50%',
        matchedBy: 'task-label',
        tasksOutsideFleet: 1,
      }),
    );
    expect(plan.update).toEqual({
      parallelism: 2,
      delaySeconds: 2,
      failureAction: 'rollback',
      monitorSeconds: 10,
      maxFailureRatio: 0,
      order: 'stop-first',
    });
    expect(plan.orderReason).toBe(
      'publishes port 8080/tcp (host): an old task stops before its new one starts',
    );
    expect(plan.steps.slice(0, 3)).toEqual([
      'role api is Swarm service api (its task containers carry the role label api), id svc012345678, version 42: 4 running tasks of tiny:latest',
      'check tiny:v2 is present on lab-1',
      '1 task runs on nodes not under hosts: (no SSH to them): a node there without tiny:v2 pulls it from its registry when its task is replaced',
    ]);
  });

  it('the same image forces new tasks with ForceUpdate + 1', () => {
    const plan = planSwarmRedeploy(input({ image: 'tiny:latest' }));
    expect(plan.forceUpdate).toBe(1);
    expect(plan.steps[2]).toBe(
      'update the service on lab-1 (version 42): image unchanged, ForceUpdate 0 → 1 replaces every task',
    );
  });

  it('refuses a service already rolling, one without tasks, and an image missing on a host running tasks', () => {
    expect(() =>
      planSwarmRedeploy(
        input({
          service: swarmService({ updateStatus: { state: 'updating', message: 'update in progress' } }),
        }),
      ),
    ).toThrow(
      'Swarm service api on lab-1 is already updating (update in progress) — wait for it to finish (`docker service ps api`), then redeploy again',
    );
    expect(() => planSwarmRedeploy(input({ runningTasks: 0 }))).toThrow(
      'Swarm service api on lab-1 runs no tasks — scale it up first (`docker service scale api=N`); nothing to roll',
    );
    expect(() => planSwarmRedeploy(input({ taskHosts: ['lab-0', 'lab-1'], imagePresentOn: [] }))).toThrow(
      'image tiny:v2 is on no fleet host (missing on lab-0, lab-1) — nothing was stopped; build or pull it on one host (or `docker load` it there) and redeploy again',
    );
  });

  it('a node under hosts: without the image gets it loaded from a fleet host first, as host redeploys do', () => {
    const plan = planSwarmRedeploy(
      input({ taskHosts: ['lab-0', 'lab-1'], imagePresentOn: ['lab-1', 'lab-2'], downHosts: ['lab-2'] }),
    );
    expect(plan.loads).toEqual([{ image: 'tiny:v2', from: 'lab-1', to: 'lab-0' }]);
    expect(plan.steps).toContain(
      'load tiny:v2 on lab-0 from lab-1 (docker save on lab-1 streamed into docker load on lab-0 over SSH)',
    );
    expect(plan.summary).toContain('after loading the image on lab-0');
    expect(plan.hosts).toEqual(['lab-1', 'lab-0']);
  });
});

describe('swarmUpdateSpec', () => {
  it('changes only the image, UpdateConfig (nanoseconds) and ForceUpdate; every other field is sent back as read', () => {
    const service = swarmService();
    const plan = planSwarmRedeploy(input({ service }));
    expect(swarmUpdateSpec(service.spec, plan)).toEqual({
      Name: 'api',
      Labels: { team: 'core' },
      TaskTemplate: {
        ContainerSpec: { Image: 'tiny:v2', Args: ['sh', '-c', 'serve'] },
        RestartPolicy: { Condition: 'any' },
      },
      Mode: { Replicated: { Replicas: 3 } },
      UpdateConfig: {
        Parallelism: 1,
        Delay: 2_000_000_000,
        FailureAction: 'rollback',
        Monitor: 10_000_000_000,
        MaxFailureRatio: 0,
        Order: 'start-first',
      },
    });
    const same = planSwarmRedeploy(input({ service, image: 'tiny:latest' }));
    expect(swarmUpdateSpec(service.spec, same).TaskTemplate).toEqual({
      ContainerSpec: { Image: 'tiny:latest', Args: ['sh', '-c', 'serve'] },
      RestartPolicy: { Condition: 'any' },
      ForceUpdate: 1,
    });
  });
});
