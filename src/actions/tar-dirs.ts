/**
 * A tar holding only empty directories: the Docker archive API extracts into an existing path,
 * so the snapshot helper gets its `/.fleetdeck-volumes/N/` directories this way first.
 */
function header(path: string): Buffer {
  const h = Buffer.alloc(512, 0);
  const field = (value: string, offset: number, length: number): void => {
    h.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
  };
  const octal = (n: number, length: number): string => n.toString(8).padStart(length - 1, '0') + '\0';
  field(path.endsWith('/') ? path : `${path}/`, 0, 100);
  field(octal(0o755, 8), 100, 8); // mode
  field(octal(0, 8), 108, 8); // uid
  field(octal(0, 8), 116, 8); // gid
  field(octal(0, 12), 124, 12); // size
  field(octal(0, 12), 136, 12); // mtime
  field('        ', 148, 8); // checksum counts as spaces while summed
  field('5', 156, 1); // directory
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

export function tarOfDirectories(paths: readonly string[]): Buffer {
  return Buffer.concat([...paths.map(header), Buffer.alloc(1024, 0)]);
}
