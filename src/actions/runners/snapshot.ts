import { meterBytes } from '../byte-meter.js';
import { CountingStream } from '../counting-stream.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { ShipPlan, SnapshotDeletePlan } from '../types.js';

export { runSnapshot } from './snapshot-create.js';

export async function runSnapshotDelete(plan: SnapshotDeletePlan, ctx: RunContext): Promise<RunReport> {
  await ctx.hosts(plan.host).removeImage(plan.image);
  return { message: `${plan.host}: deleted ${plan.image}`, details: { image: plan.image } };
}

export async function runShip(plan: ShipPlan, ctx: RunContext): Promise<RunReport> {
  const from = ctx.hosts(plan.from);
  const to = ctx.hosts(plan.to);
  ctx.progress({ host: plan.from, message: `saving ${plan.image}` });
  const total = await from.sizes?.imageSize(plan.image);
  const counted = CountingStream.of(await from.saveImage(plan.image));
  ctx.progress({ host: plan.to, message: `loading ${plan.image}` });
  const meter = meterBytes(ctx, counted, {
    key: `ship ${plan.image}`,
    label: `ship ${plan.image} ${plan.from} → ${plan.to}`,
    total,
    startedAt: ctx.now(),
  });
  await to.loadImage(counted);
  meter.finish();
  if (!(await to.imagePresent(plan.image))) {
    throw new ActionFailed(
      `${plan.to}: ${plan.image} is not there after docker load — check the daemon log of ${plan.to}`,
    );
  }
  return {
    message: `${plan.image} shipped from ${plan.from} to ${plan.to} (${counted.bytes} bytes)`,
    details: { bytes: counted.bytes, sha256: counted.sha256() },
  };
}

export { runRollback } from './rollback.js';
