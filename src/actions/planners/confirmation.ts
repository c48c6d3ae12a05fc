import type { Confirmation } from '../types.js';

/** What the operator types for a target: the role, host or container name it designates. */
export function confirmationWord(target: string): string {
  const t = target.trim();
  if (t.startsWith('role:')) return t.slice(5);
  if (t.startsWith('host:')) return t.slice(5);
  const slash = t.indexOf('/');
  return slash > 0 ? t.slice(slash + 1) : t;
}

export function isGroupTarget(target: string): boolean {
  const t = target.trim();
  return t.startsWith('role:') || t.startsWith('host:');
}

/** Role-wide and destructive actions need the target's name typed; others a yes. */
export function confirmationFor(target: string, summary: string, typed: boolean): Confirmation {
  if (!typed) return { mode: 'yes-no', prompt: `${summary} — proceed? [y/N]` };
  const text = confirmationWord(target);
  return { mode: 'type', text, prompt: `${summary} — type "${text}" to proceed` };
}
