import type { Theme } from '../../../theme/index.js';
import type { BindingContext, KeyBinding } from '../../dashboard/binding.js';
import { displayKey } from '../../dashboard/key-names.js';
import { fit } from '../../presenters/format.js';
import { VIEW_TITLES, type ViewName } from '../../views.js';

/** Generated from the keymap itself, so help can never disagree with what the keys do. */
export function helpLines(
  view: ViewName,
  active: readonly KeyBinding[],
  context: BindingContext,
  width: number,
  theme: Theme,
): string[] {
  const lines = [theme.paint(fit(`Keys in the ${VIEW_TITLES[view]} view`, width), 'accent', { bold: true })];
  for (const b of active) {
    const keys = b.keys.map(displayKey).join(', ');
    lines.push(
      theme.paint(fit(`  ${keys}`, 16), 'tab.active') +
        theme.paint(fit(b.description, width - 16), 'text.primary'),
    );
  }
  if (context.readOnly) {
    lines.push(
      theme.paint(fit('  Read-only: actions that change the fleet are disabled.', width), 'text.dim'),
    );
  }
  lines.push(
    theme.paint(
      fit('  In / and : prompts: Enter accepts, Esc cancels, Tab completes commands.', width),
      'text.dim',
    ),
  );
  return lines;
}
