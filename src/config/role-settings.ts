import { z } from 'zod';

/**
 * Settings of one role (the value of its role label), under `roles:` in the fleet file:
 *
 *   roles:
 *     web: { shell: /bin/ash }
 */
export const RoleSettingsSchema = z.strictObject({
  /** What `e` in the dashboard starts in the role's containers; unset: bash if the image has it, else sh. */
  shell: z
    .string({ error: 'expected a command, e.g. /bin/ash or "zsh -l"' })
    .trim()
    .min(1, 'expected a command, e.g. /bin/ash or "zsh -l"')
    .optional(),
});

export const RolesSchema = z.record(z.string(), RoleSettingsSchema).default({});

export type RoleSettings = z.output<typeof RoleSettingsSchema>;

/** The shell `e` starts in a container of `role`, when the fleet file names one. */
export function shellFor(roles: Readonly<Record<string, RoleSettings>>, role: string): string | undefined {
  return Object.hasOwn(roles, role) ? roles[role]?.shell : undefined;
}
