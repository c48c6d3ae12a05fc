import { throwIfCancelled } from '../cancel.js';
import { meterBytes } from '../byte-meter.js';
import { CountingStream } from '../counting-stream.js';
import { ActionFailed, type RunContext } from '../run-context.js';
import type { ImageLoadStep } from '../types.js';

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function loadOne(l: ImageLoadStep, ctx: RunContext): Promise<number> {
  const to = ctx.hosts(l.to);
  // A resumed rollout repeats its loads: one that already landed is not streamed again.
  if (await to.imagePresent(l.image)) return 0;
  throwIfCancelled(ctx.signal);
  ctx.progress({ host: l.to, message: `loading ${l.image} from ${l.from}` });
  const from = ctx.hosts(l.from);
  const total = await from.sizes?.imageSize(l.image);
  const counted = CountingStream.of(await from.saveImage(l.image));
  const meter = meterBytes(ctx, counted, {
    key: `load ${l.image} ${l.from}→${l.to}`,
    label: `load ${l.image} ${l.from} → ${l.to}`,
    total,
    startedAt: ctx.now(),
  });
  await to.loadImage(counted);
  meter.finish();
  return counted.bytes;
}

/**
 * Ships the image to every target that lacks it, before any replica is touched. Loads from
 * different sources run side by side; each source streams one image at a time (a `docker save`
 * reads the whole image from its disk and fills its SSH connection).
 */
export async function runImageLoads(loads: readonly ImageLoadStep[], ctx: RunContext): Promise<number> {
  const bySource = new Map<string, ImageLoadStep[]>();
  for (const l of loads) bySource.set(l.from, [...(bySource.get(l.from) ?? []), l]);
  const failures: string[] = [];
  let bytes = 0;
  await Promise.all(
    [...bySource.values()].map(async (queue) => {
      for (const l of queue) {
        try {
          const n = await loadOne(l, ctx);
          bytes += n;
        } catch (err) {
          failures.push(
            `${l.to}: loading ${l.image} from ${l.from} failed — ${reasonOf(err)}; check disk space and the daemon of ${l.to} (and that ${l.from} still has ${l.image})`,
          );
        }
      }
    }),
  );
  if (failures.length > 0) {
    throw new ActionFailed(
      `${failures.join('\n')}\nnothing was stopped: the only change is ${loads[0]!.image} loaded on the hosts that succeeded — fix the host and redeploy again`,
      { loadFailures: failures },
    );
  }
  return bytes;
}

/**
 * Every host must hold the image under one image ID: a tag built twice (or shipped from a host
 * with a different build) would give replicas of one role different code.
 */
export async function verifyImageEverywhere(
  image: string,
  hosts: readonly string[],
  ctx: RunContext,
): Promise<string> {
  const ids = await Promise.all(hosts.map(async (h) => [h, await ctx.hosts(h).imageId(image)] as const));
  const missing = ids.filter(([, id]) => id === undefined).map(([h]) => h);
  if (missing.length > 0) {
    throw new ActionFailed(
      `${missing.join(', ')}: image ${image} is not present — nothing was stopped; load or pull it first`,
    );
  }
  const distinct = new Set(ids.map(([, id]) => id));
  if (distinct.size > 1) {
    throw new ActionFailed(
      `image ${image} has different IDs across hosts (${ids.map(([h, id]) => `${h}: ${id!.slice(0, 19)}`).join(', ')}) — ` +
        `nothing was stopped; the tag names different builds: ship one build to every host (\`fleetdeck snapshot ship\`) and redeploy again`,
      { imageIds: Object.fromEntries(ids) },
    );
  }
  return ids[0]![1]!;
}
