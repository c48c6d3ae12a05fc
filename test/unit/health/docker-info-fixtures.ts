import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DockerInfo } from '../../../src/domain/info.js';

/** Real `docker info` payloads from public bug reports, carried in the repo (see test/fixtures/README.md). */
export const DOCKER_INFO_FIXTURES_DIR = fileURLToPath(
  new URL('../../fixtures/docker-info/', import.meta.url),
);

interface RawInfo {
  ServerVersion: string;
  Driver: string;
  DriverStatus: Array<[string, string]>;
  DockerRootDir?: string;
  Containers: number;
  ContainersRunning: number;
  Images: number;
  _truncated?: boolean;
}

/** A fixture in the GET /info JSON shape, mapped the way the gateway maps a live answer. */
export function loadDockerInfo(file: string): DockerInfo & { truncated: boolean } {
  const raw = JSON.parse(readFileSync(`${DOCKER_INFO_FIXTURES_DIR}${file}`, 'utf8')) as RawInfo;
  return {
    serverVersion: raw.ServerVersion,
    driver: raw.Driver,
    driverStatus: raw.DriverStatus,
    dockerRootDir: raw.DockerRootDir ?? '/var/lib/docker',
    containers: raw.Containers,
    containersRunning: raw.ContainersRunning,
    images: raw.Images,
    truncated: raw._truncated === true,
  };
}

export function dockerInfoFixtureFiles(): string[] {
  return readdirSync(DOCKER_INFO_FIXTURES_DIR).filter((f) => f.endsWith('.json'));
}

/** A text fixture stored beside these tests. */
export function localFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}
