import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/*
 * What test/lab/lab.sh writes to <lab>/inventory.json: where each lab host's daemon, sshd and
 * files are. Parsed strictly enough that a lab script change which breaks tests fails here, by name.
 */

const LabHostSchema = z.object({
  name: z.string(),
  port: z.number().int(),
  dockerSocket: z.string(),
  sshdPidFile: z.string(),
  sshdConfig: z.string(),
  dockerdPidFile: z.string(),
  storageDriver: z.string(),
  dataRoot: z.string(),
  btrfsImage: z.string().optional(),
});

const LabInventorySchema = z.object({
  labDir: z.string(),
  clientKey: z.string(),
  knownHosts: z.string(),
  fleetFile: z.string(),
  portBase: z.number().int(),
  hosts: z.array(LabHostSchema).min(1),
});

export type LabHost = z.infer<typeof LabHostSchema>;
export type LabInventory = z.infer<typeof LabInventorySchema>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The lab the global setup started or found; '' when there is none. */
    fleetdeckLabDir: string;
  }
}

export function inventoryPath(labDir: string): string {
  return join(labDir, 'inventory.json');
}

/** The lab's inventory; throws naming the file when it is missing or malformed. */
export function readInventory(labDir: string): LabInventory {
  const file = inventoryPath(labDir);
  const parsed = LabInventorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: not a lab inventory (${parsed.error.message}) — rerun test/lab/lab.sh up`);
  }
  return parsed.data;
}
