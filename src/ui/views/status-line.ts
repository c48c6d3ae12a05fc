import type { Theme, ThemeToken } from '../../theme/index.js';
import { activeBindings, displayKey, type BindingContext } from '../keymap.js';
import { fit } from '../presenters/format.js';
import type { ViewName } from '../views.js';

export type PromptMode = 'normal' | 'filter' | 'command';

export interface StatusInput {
  mode: PromptMode;
  input: string;
  filterError?: string | undefined;
  completions: readonly string[];
  message?: { text: string; tone: ThemeToken } | undefined;
  view: ViewName;
  context: BindingContext;
  width: number;
  theme: Theme;
}

const HINT_IDS = new Set([
  'help',
  'filter',
  'command',
  'open',
  'compare',
  'back',
  'sortNext',
  'quit',
  'action.restart',
  'action.redeploy',
  'refresh',
  'action.prune',
]);

/** The bottom line: the prompt while typing, else the last message, else a few key hints. */
export function statusLine(s: StatusInput): string {
  const { theme, width } = s;
  if (s.mode !== 'normal') {
    const prompt = `${s.mode === 'filter' ? '/' : ':'}${s.input}_`;
    const extra =
      s.mode === 'filter' && s.filterError
        ? `  invalid regex: ${s.filterError}`
        : s.completions.length
          ? `  ${s.completions.join(' ')}`
          : '';
    return (
      theme.paint(prompt, 'accent', { bold: true }) +
      theme.paint(fit(extra, Math.max(0, width - prompt.length)), s.filterError ? 'status.warn' : 'text.dim')
    );
  }
  if (s.message) return theme.paint(fit(s.message.text, width), s.message.tone);
  const hints = activeBindings(s.view, s.context)
    .filter((b) => HINT_IDS.has(b.id))
    .map((b) => `${displayKey(b.keys[0] ?? '')} ${b.description.split(/[:(]/)[0]?.trim().toLowerCase()}`);
  return theme.paint(fit(hints.join('  '), width), 'text.dim');
}
