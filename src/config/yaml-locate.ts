import { isMap, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Key/index path the way zod reports it. */
export type KeyPath = readonly PropertyKey[];

export interface Located {
  /** 1-based line of the deepest node found along the path. */
  line?: number;
  /** Whether the whole path exists in the document. */
  found: boolean;
}

function lineOfNode(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

/**
 * Line of `path` in the document. A map entry points at its key (that is the line people look
 * for, and the value may be empty or start on the next line); a missing entry points at the
 * deepest ancestor that exists.
 */
export function locate(doc: Document, lines: LineCounter, path: KeyPath): Located {
  let node: unknown = doc.contents;
  let line = lineOfNode(node, lines);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) return { line, found: false };
      line = lineOfNode(pair.key, lines) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return { line, found: false };
      line = lineOfNode(node, lines) ?? line;
    } else {
      return { line, found: false };
    }
  }
  return { line, found: true };
}
