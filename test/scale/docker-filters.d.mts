/** Types of docker-filters.mjs (the scale fleet's model of dockerd's `filters`). */
export type Filters = Map<string, Set<string>>;
export class FilterError extends Error {}
export const EVENT_FILTER_KEYS: readonly string[];
export const LIST_FILTER_KEYS: readonly string[];
export function parseFilters(raw: string | null, allowed: readonly string[]): Filters;
export function eventMatches(
  f: Filters,
  m: {
    Type: string;
    Action: string;
    scope?: string;
    Actor: { ID: string; Attributes: Record<string, string> };
  },
): boolean;
export function containerMatches(
  f: Filters,
  c: { Id: string; Names: string[]; Labels: Record<string, string>; State: string; Image: string },
  health: string,
): boolean;
