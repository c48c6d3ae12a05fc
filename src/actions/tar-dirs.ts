/**
 * A tar holding only empty directories: the Docker archive API extracts into an existing path,
 * so the snapshot helper gets its `/.fleetdeck-volumes/N/` directories this way first.
 */
function header(path: string, size = 0, type: '5' | '0' = '5'): Buffer {
  const h = Buffer.alloc(512, 0);
  const field = (value: string, offset: number, length: number): void => {
    h.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
  };
  const octal = (n: number, length: number): string => n.toString(8).padStart(length - 1, '0') + '\0';
  field(type === '5' && !path.endsWith('/') ? `${path}/` : path, 0, 100);
  field(octal(type === '5' ? 0o755 : 0o644, 8), 100, 8); // mode
  field(octal(0, 8), 108, 8); // uid
  field(octal(0, 8), 116, 8); // gid
  field(octal(size, 12), 124, 12); // size
  field(octal(0, 12), 136, 12); // mtime
  field('        ', 148, 8); // checksum counts as spaces while summed
  field(type, 156, 1); // '5' directory, '0' file
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

export function tarOfDirectories(paths: readonly string[]): Buffer {
  return Buffer.concat([...paths.map((p) => header(p)), Buffer.alloc(1024, 0)]);
}

/** A tar of one small file (the role lock's heartbeat). */
export function tarOfFile(path: string, content: string): Buffer {
  const body = Buffer.from(content, 'utf8');
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512, 0);
  return Buffer.concat([header(path, body.length, '0'), body, pad, Buffer.alloc(1024, 0)]);
}

/** The content of the first file in a tar, or undefined when it holds none. */
export function firstFileOfTar(tar: Buffer): string | undefined {
  if (tar.length < 512 || tar[156] !== 0x30) return undefined;
  const size = parseInt(tar.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  if (!Number.isFinite(size) || tar.length < 512 + size) return undefined;
  return tar.subarray(512, 512 + size).toString('utf8');
}
