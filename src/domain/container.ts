export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthState = 'healthy' | 'unhealthy' | 'starting' | 'none';

/** One container on one host, as listed (GET /containers/json) plus what the list already tells. */
export interface Container {
  host: string;
  id: string;
  name: string;
  role: string;
  image: string;
  imageId: string;
  command: string;
  /** Epoch seconds. */
  created: number;
  state: ContainerState;
  /** Docker's human status text ("Up 3 minutes (healthy)", "Exited (137) 2 hours ago"). */
  status: string;
  health: HealthState;
  /** Parsed from the status text of exited containers; inspect gives the exact value. */
  exitCode?: number;
  labels: Readonly<Record<string, string>>;
  ports: readonly PortBinding[];
}

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string;
}

/** Key of a container across the fleet. */
export function containerKey(c: { host: string; id: string }): string {
  return `${c.host}/${c.id}`;
}
