import type Dockerode from 'dockerode';
import { LogDemuxer } from '../../domain/logs/demux.js';
import type { HelperRun, HelperRunOptions } from './types.js';

const OUTPUT_LINES = 40;

/**
 * A helper run to completion on the host: root (it reads and writes whatever the volumes hold),
 * no network, never restarted. Left in place, stopped: its writable layer is the result.
 */
export async function runHelperContainer(d: Dockerode, opts: HelperRunOptions): Promise<HelperRun> {
  const c = await d.createContainer({
    name: opts.name,
    Image: opts.image,
    Cmd: opts.cmd,
    Entrypoint: [],
    User: '0',
    WorkingDir: '/',
    Labels: { ...opts.labels },
    HostConfig: {
      NetworkMode: 'none',
      RestartPolicy: { Name: 'no' },
      ...(opts.volumesFrom?.length ? { VolumesFrom: opts.volumesFrom } : {}),
    },
  });
  await c.start();
  const r = (await c.wait()) as { StatusCode?: number };
  const raw = (await c.logs({ stdout: true, stderr: true, tail: OUTPUT_LINES, follow: false })) as unknown;
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const text = Buffer.concat(new LogDemuxer().push(buf).map((f) => f.data)).toString('utf8');
  return {
    id: c.id,
    code: r.StatusCode ?? -1,
    output: text
      .split('\n')
      .filter((l) => l !== '')
      .slice(-OUTPUT_LINES)
      .join('\n'),
  };
}

interface CommittedConfig {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  User?: string;
  WorkingDir?: string;
}

/**
 * Commit `changes` that give an image made from a helper the run configuration of `ref` (the
 * container's own commit), so a container created from the snapshot runs what the original ran.
 */
export async function configChangesOf(d: Dockerode, ref: string): Promise<string[]> {
  const img = (await d.getImage(ref).inspect()) as { Config?: CommittedConfig };
  const c = img.Config ?? {};
  return [
    `ENTRYPOINT ${JSON.stringify(c.Entrypoint ?? [])}`,
    `CMD ${JSON.stringify(c.Cmd ?? [])}`,
    `USER ${c.User || '0'}`,
    `WORKDIR ${c.WorkingDir || '/'}`,
  ];
}
