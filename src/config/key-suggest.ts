import { z } from 'zod';
import { closestName } from '../domain/text/closest.js';
import type { KeyPath } from './yaml-locate.js';

/** Keys a strict object schema accepts at `path` (array indexes skipped), for "did you mean". */
export function knownKeysAt(schema: z.ZodType, path: KeyPath): string[] {
  let current: z.ZodType = schema;
  for (const segment of [...path, undefined]) {
    // Optional/default/prefault wrappers hide the object; refinements do not wrap in zod v4.
    while (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault
    ) {
      current = current.unwrap() as z.ZodType;
    }
    if (segment === undefined) break;
    if (current instanceof z.ZodArray && typeof segment === 'number') {
      current = current.element as z.ZodType;
    } else if (current instanceof z.ZodObject && typeof segment === 'string') {
      const next = (current.shape as Record<string, z.ZodType | undefined>)[segment];
      if (!next) return [];
      current = next;
    } else {
      return [];
    }
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** The closest known key when it is plausibly a typo, else undefined. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  return closestName(unknown, known);
}
