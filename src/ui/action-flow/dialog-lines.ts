import type { ActionOutcome, RolloutJournal } from '../../actions/index.js';
import { meterLine } from '../../domain/progress/bar.js';
import { meterComplete } from '../../domain/progress/meter.js';
import type { Theme, ThemeToken } from '../../theme/index.js';
import { fit } from '../presenters/format.js';
import type { FlowState } from './flow-state.js';

interface Line {
  text: string;
  tone: ThemeToken;
  bold?: boolean;
  selected?: boolean;
}

const line = (text: string, tone: ThemeToken = 'text.primary', bold = false): Line => ({ text, tone, bold });

/**
 * Long messages (a failed replica's reason, health output) are wrapped at spaces, not cut: they are
 * the point. Each source line keeps its own indent; its continuations get `indent` more.
 */
export function wrap(text: string, width: number, indent = '    '): string[] {
  const out: string[] = [];
  const room = Math.max(8, width);
  for (const raw of text.split('\n')) {
    const lead = /^\s*/.exec(raw)?.[0] ?? '';
    let current = '';
    let prefix = lead;
    for (const word of raw.trim().split(/\s+/)) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (prefix.length + candidate.length <= room || current === '') {
        current = candidate;
      } else {
        out.push(prefix + current);
        prefix = lead + indent;
        current = word;
      }
      // A word longer than the line is broken where it has to be.
      while (prefix.length + current.length > room) {
        const cut = Math.max(1, room - prefix.length);
        out.push(prefix + current.slice(0, cut));
        prefix = lead + indent;
        current = current.slice(cut);
      }
    }
    out.push(prefix + current);
  }
  return out;
}

/** Top and bottom always shown; the middle list is cut to fit (its head, or its tail for progress). */
function compose(top: Line[], middle: Line[], bottom: Line[], height: number, keep: 'head' | 'tail'): Line[] {
  const room = Math.max(0, height - top.length - bottom.length);
  if (middle.length <= room) return [...top, ...middle, ...bottom];
  const shown = Math.max(0, room - 1);
  const more = line(`  … ${middle.length - shown} more`, 'text.dim');
  const cut =
    keep === 'head' ? [...middle.slice(0, shown), more] : [more, ...middle.slice(middle.length - shown)];
  return [...top, ...cut.slice(0, room), ...bottom].slice(0, height);
}

const OUTCOME: Record<ActionOutcome['result'], { mark: string; tone: ThemeToken }> = {
  ok: { mark: '✓ done', tone: 'status.healthy' },
  failed: { mark: '✗ failed', tone: 'status.crit' },
  cancelled: { mark: '■ cancelled', tone: 'status.warn' },
  refused: { mark: '✗ refused', tone: 'status.warn' },
};

function journalLines(j: RolloutJournal, selected: boolean): Line[] {
  const done = j.replicas.filter((r) => r.phase === 'done').length;
  const inFlight = j.replicas.filter((r) => !['pending', 'done', 'reverted'].includes(r.phase));
  const where = inFlight.map((r) => `${r.host}/${r.name} (${r.phase})`).join(', ') || 'none';
  return [
    {
      text: `${selected ? '›' : ' '} role ${j.role}: rollout ${j.id} to ${j.image} — ${done}/${j.replicas.length} done`,
      tone: 'status.warn',
      selected,
    },
    line(`    in flight: ${where}; started ${j.startedAt} by ${j.user}@${j.machine}`, 'text.dim'),
  ];
}

function body(s: FlowState, width: number, height: number, now: number): Line[] {
  const inner = width - 2;
  switch (s.step) {
    case 'loading':
      return [line(s.title, 'accent', true), line(''), line(s.text, 'text.dim')];
    case 'error':
      return compose(
        [line(s.title, 'accent', true), line('')],
        wrap(s.message, inner).map((t) => line(t, 'status.crit')),
        [],
        height,
        'head',
      );
    case 'signal':
      return compose(
        [
          line(s.title, 'accent', true),
          line(''),
          line(`Signal to send (its stop signal is ${s.stopSignal}):`),
        ],
        s.choices.map((c, i) => ({
          text: `${i === s.index ? '›' : ' '} ${c}${c === s.stopSignal ? '   stop signal' : ''}${c === 'SIGKILL' ? '   cannot be caught' : ''}`,
          tone: 'text.primary',
          selected: i === s.index,
        })),
        [],
        height,
        'head',
      );
    case 'input':
      return [
        line(s.title, 'accent', true),
        line(''),
        line(s.label),
        line(`> ${s.value}_`, 'accent', true),
        ...(s.error ? [line(s.error, 'status.warn')] : []),
      ].slice(0, height);
    case 'confirm': {
      const { plan } = s;
      const c = plan.confirmation;
      const top = [
        line(`${plan.kind} · ${plan.target}`, 'accent', true),
        line(''),
        ...wrap(plan.summary, inner).map((t) => line(t)),
        line(`hosts: ${plan.hosts.join(', ') || '-'}`, 'text.dim'),
        line('steps, in order:', 'text.dim'),
      ];
      const steps = plan.steps.map((t, i) => line(`  ${i + 1}. ${t}`));
      const bottom = [
        ...s.warnings.map((w) => line(`! unreachable, left out: ${w}`, 'status.warn')),
        line(''),
        line(c.prompt, 'accent', true),
        ...(c.mode === 'type' ? [line(`> ${s.typed}_`, 'text.primary', true)] : []),
        ...(s.error ? [line(s.error, 'status.warn')] : []),
      ];
      return compose(top, steps, bottom, height, 'head');
    }
    case 'running':
      return compose(
        [
          line(`${s.plan.kind} · ${s.plan.target}`, 'accent', true),
          line(s.plan.summary),
          s.cancelling
            ? line('cancelling — finishing the current step and putting it back…', 'status.warn')
            : line('running…', 'status.starting'),
          line(''),
          // One bar per meter (replicas, bytes, hosts), above the lines; finished ones turn healthy.
          ...(s.meters ?? []).map((m) =>
            line(meterLine(m, now, inner - 2), meterComplete(m) ? 'status.healthy' : 'accent', true),
          ),
          ...(s.meters?.length ? [line('')] : []),
        ],
        s.lines.map((t) => line(`  ${t}`, 'text.dim')),
        [],
        height,
        'tail',
      );
    case 'done': {
      const o = OUTCOME[s.outcome.result];
      // The mark goes in front of the first line: wrap as if it were part of the text.
      const message = wrap(`${o.mark}: ${s.outcome.message}`, inner);
      return compose(
        [
          line(`${s.plan.kind} · ${s.plan.target}`, 'accent', true),
          line(s.plan.summary),
          line(''),
          ...message.map((t, i) => line(t, o.tone, i === 0)),
          line(''),
        ],
        s.lines.map((t) => line(`  ${t}`, 'text.dim')),
        [],
        height,
        'tail',
      );
    }
    case 'interrupted':
      return compose(
        [
          line('Interrupted rollouts', 'accent', true),
          line(''),
          line('These redeploys stopped half-way (fleetdeck was stopped, or a host went away):'),
        ],
        s.journals.flatMap((j, i) => journalLines(j, i === s.index)),
        [
          line(''),
          line('r resumes it to the new image; b rolls back what was done to the old image.', 'text.dim'),
        ],
        height,
        'head',
      );
  }
}

const HINTS: Record<FlowState['step'], string> = {
  loading: 'Esc cancel',
  error: 'any key closes',
  signal: '↑/↓ choose  Enter review the plan  Esc cancel',
  input: 'Enter review the plan  Esc cancel',
  confirm: '',
  running: 'Esc/^C cancel the run (the step in progress is put back)',
  done: 'Enter/Esc close',
  interrupted: '↑/↓ choose  r resume  b roll back  Esc later',
};

export function dialogHint(s: FlowState): string {
  if (s.step !== 'confirm') return HINTS[s.step];
  return s.plan.confirmation.mode === 'type'
    ? `type ${s.plan.confirmation.text} and Enter to run  Esc cancel`
    : 'y run  n/Esc cancel';
}

/**
 * The dialog as painted lines of exactly `width` columns, at most `height` of them. `now` moves
 * a progress bar's elapsed time and estimate between readings (the meter's own time when absent).
 */
export function dialogLines(s: FlowState, width: number, height: number, theme: Theme, now = 0): string[] {
  return body(s, width, height, now).map((l) =>
    l.selected
      ? theme.paint(fit(` ${l.text}`, width), 'selection.fg', { bold: true, bg: 'selection.bg' })
      : theme.paint(fit(` ${l.text}`, width), l.tone, { bold: l.bold ?? false }),
  );
}
