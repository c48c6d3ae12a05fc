import {
  diffReplicas,
  DIFF_SECTIONS,
  type DiffSection,
  type ReplicaDifference,
} from '../../../domain/replica-diff.js';
import { MASK, maskSecretShapes, maskValue } from '../../../domain/secrets/mask.js';
import type { ContainerDetails } from '../../../domain/details.js';

export const SECTION_TITLES: Record<DiffSection, string> = {
  image: 'Image',
  command: 'Command',
  env: 'Environment',
  labels: 'Labels',
  mounts: 'Mounts',
  limits: 'Limits',
};

/** What a side says where it has no such entry. */
const ABSENT: Record<DiffSection, string> = {
  image: '-',
  command: '-',
  env: '(unset)',
  labels: '(unset)',
  mounts: '(no mount)',
  limits: 'unlimited',
};

export interface DifferenceRow {
  key: string;
  left: string;
  right: string;
  /** A side that lacks the entry (drawn dim). */
  leftAbsent: boolean;
  rightAbsent: boolean;
}

export interface DifferenceGroup {
  title: string;
  rows: DifferenceRow[];
}

function masked(section: DiffSection, key: string, value: string): string {
  if (section === 'env' || section === 'labels') return maskValue(key, value);
  return maskSecretShapes(value);
}

function rowOf(d: ReplicaDifference): DifferenceRow {
  let left = d.left === undefined ? ABSENT[d.section] : masked(d.section, d.key, d.left);
  let right = d.right === undefined ? ABSENT[d.section] : masked(d.section, d.key, d.right);
  // Two secrets that differ would read the same once masked: say that they differ.
  if (left === right && left.includes(MASK)) {
    left = `${left} (secret)`;
    right = `${right} (secret, differs)`;
  }
  return { key: d.key, left, right, leftAbsent: d.left === undefined, rightAbsent: d.right === undefined };
}

/** The differences of two replicas, grouped by section in a fixed order, secrets masked. */
export function presentDifferences(left: ContainerDetails, right: ContainerDetails): DifferenceGroup[] {
  const diff = diffReplicas(left, right);
  return DIFF_SECTIONS.map((section) => ({
    title: SECTION_TITLES[section],
    rows: diff.filter((d) => d.section === section).map(rowOf),
  })).filter((g) => g.rows.length > 0);
}
