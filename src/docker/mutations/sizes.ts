import type Dockerode from 'dockerode';
import { dockerodeOf } from '../dockerode-of.js';
import type { DockerHostApi } from '../host-api.js';

/**
 * Sizes that give a progress bar its total. A size that cannot be read is undefined, never an
 * error: the bar then shows what was done and its rate, without a total.
 */
export interface SizeQueries {
  /** Bytes of the image's layers (`Size` of GET /images/REF/json): about what `docker save` streams. */
  imageSize(ref: string): Promise<number | undefined>;
  /** Bytes written in the container's own layer (`SizeRw` of GET /containers/ID/json?size=1). */
  writableSize(id: string): Promise<number | undefined>;
}

const sized = (n: unknown): number | undefined => (typeof n === 'number' && n >= 0 ? n : undefined);

export function sizeQueries(api: DockerHostApi): SizeQueries {
  return {
    async imageSize(ref) {
      try {
        const d = await dockerodeOf(api);
        return sized(((await d.getImage(ref).inspect()) as { Size?: unknown }).Size);
      } catch {
        return undefined;
      }
    },
    async writableSize(id) {
      try {
        const d = await dockerodeOf(api);
        // dockerode sends the options as the query (`?size=1`); its types do not list `size`.
        const query = { size: true } as Dockerode.ContainerInspectOptions;
        return sized(((await d.getContainer(id).inspect(query)) as { SizeRw?: unknown }).SizeRw);
      } catch {
        return undefined;
      }
    },
  };
}
