/**
 * A palette index for a source that stays the same across runs and views (FNV-1a of `host/name`),
 * so `web-a/api-1` keeps its colour when the target or the set of sources changes.
 */
export function sourceColorIndex(sourceId: string, paletteSize: number): number {
  if (paletteSize <= 0) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < sourceId.length; i++) {
    h ^= sourceId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % paletteSize;
}
