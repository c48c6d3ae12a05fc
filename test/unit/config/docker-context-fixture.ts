import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A DOCKER_CONFIG dir laid out as the docker CLI writes it: contexts/meta/<sha256(name)>/meta.json. */
export function makeDockerConfig(contexts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-docker-config-'));
  for (const [name, host] of Object.entries(contexts)) {
    const metaDir = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(metaDir, { recursive: true });
    const meta = {
      Name: name,
      Metadata: { Description: '' },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    };
    writeFileSync(join(metaDir, 'meta.json'), JSON.stringify(meta));
  }
  return dir;
}
