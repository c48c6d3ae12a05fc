import type { ContainerDetails } from './details.js';

/** Linux signal numbers (x86/arm; the numbering Docker's exit codes 128+N use). */
const LINUX_SIGNALS: readonly string[] = [
  '',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGKILL',
  'SIGUSR1',
  'SIGSEGV',
  'SIGUSR2',
  'SIGPIPE',
  'SIGALRM',
  'SIGTERM',
  'SIGSTKFLT',
  'SIGCHLD',
  'SIGCONT',
  'SIGSTOP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGURG',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGVTALRM',
  'SIGPROF',
  'SIGWINCH',
  'SIGIO',
  'SIGPWR',
  'SIGSYS',
];
const SIGRTMIN = 34;
const SIGRTMAX = 64;
const ALIASES: Readonly<Record<string, string>> = { SIGIOT: 'SIGABRT', SIGPOLL: 'SIGIO', SIGCLD: 'SIGCHLD' };

export const DEFAULT_STOP_SIGNAL = 'SIGTERM';
/** dockerd's default stop timeout in seconds when neither the container nor `docker stop -t` sets one. */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 10;

/** The canonical name of a Linux signal number (`SIGRTMIN+3` for real-time ones), undefined outside 1–64. */
export function signalName(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > SIGRTMAX) return undefined;
  if (n < LINUX_SIGNALS.length) return LINUX_SIGNALS[n];
  if (n < SIGRTMIN) return undefined;
  return n === SIGRTMIN ? 'SIGRTMIN' : `SIGRTMIN+${n - SIGRTMIN}`;
}

/** The Linux number of a canonical signal name. */
export function signalNumber(name: string): number | undefined {
  const canonical = normaliseSignal(name);
  if (canonical === undefined) return undefined;
  const rt = /^SIGRTMIN(?:\+(\d+))?$/.exec(canonical);
  if (rt) return SIGRTMIN + Number(rt[1] ?? 0);
  const n = LINUX_SIGNALS.indexOf(canonical);
  return n > 0 ? n : undefined;
}

/** `SIGTERM`, `TERM`, `15`, `sigterm`, ` Term ` → `SIGTERM`; undefined when not a Linux signal. */
export function normaliseSignal(input: string | number): string | undefined {
  const text = String(input).trim().toUpperCase();
  if (/^\d+$/.test(text)) return signalName(Number(text));
  const named = text.startsWith('SIG') ? text : `SIG${text}`;
  const aliased = ALIASES[named] ?? named;
  const rt = /^SIGRTMIN(?:\+(\d+))?$/.exec(aliased);
  if (rt) return signalName(SIGRTMIN + Number(rt[1] ?? 0));
  const rtMax = /^SIGRTMAX(?:-(\d+))?$/.exec(aliased);
  if (rtMax) return signalName(SIGRTMAX - Number(rtMax[1] ?? 0));
  return LINUX_SIGNALS.includes(aliased) && aliased !== '' ? aliased : undefined;
}

export type ExitKind =
  'ok' | 'signal' | 'oom-killed' | 'docker-failed' | 'not-executable' | 'not-found' | 'error';

export interface DecodedExit {
  code: number;
  kind: ExitKind;
  /** The signal that ended the process, for 128+N codes. */
  signal?: string;
  /** For people: `killed by SIGKILL (137)`, `OOM killed (137)`, `exited with 3`. */
  message: string;
}

/** What a container's exit code says (Docker's 125–127 conventions; 128+N = killed by signal N). */
export function decodeExit(code: number, oomKilled = false): DecodedExit {
  if (code === 0) return { code, kind: 'ok', message: 'exited normally (0)' };
  if (code === 137 && oomKilled) {
    return {
      code,
      kind: 'oom-killed',
      signal: 'SIGKILL',
      message: 'OOM killed (137): the memory limit was reached',
    };
  }
  if (code === 125)
    return { code, kind: 'docker-failed', message: 'docker run failed (125): the container did not start' };
  if (code === 126) {
    return {
      code,
      kind: 'not-executable',
      message: 'command not executable (126): check its permissions and format',
    };
  }
  if (code === 127)
    return { code, kind: 'not-found', message: 'command not found (127): check the entrypoint and PATH' };
  const signal = code > 128 ? signalName(code - 128) : undefined;
  if (signal) return { code, kind: 'signal', signal, message: `killed by ${signal} (${code})` };
  return { code, kind: 'error', message: `exited with ${code}` };
}

/** How a container reacts to `docker stop`, from its inspected configuration. */
export interface SignalProfile {
  /** Canonical name; the configured text when it names no Linux signal. */
  stopSignal: string;
  stopSignalIsDefault: boolean;
  stopTimeoutSeconds: number;
  stopTimeoutIsDefault: boolean;
  /** `--init`: docker-init runs as PID 1 and forwards signals to the command. */
  init: boolean;
  /** The command running as PID 1 (entrypoint + cmd), as one line. */
  pid1Command: string;
  /** PID 1 is `sh -c …`/`bash -c …`: shells do not pass the stop signal on to their children. */
  pid1IsShell: boolean;
  /** Why the stop may end in SIGKILL, in words; empty when nothing stands out. */
  notes: string[];
}

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;

function isShellForm(argv: readonly string[]): boolean {
  const [program, flag] = argv;
  return program !== undefined && SHELLS.test(program) && flag === '-c';
}

/** Stop signal, stop timeout, init and PID 1 of a container, with the daemon's defaults applied. */
export function signalProfile(details: ContainerDetails): SignalProfile {
  const configured = details.stopSignal?.trim() ? details.stopSignal : undefined;
  const stopSignal =
    configured === undefined ? DEFAULT_STOP_SIGNAL : (normaliseSignal(configured) ?? configured);
  const stopTimeoutSeconds = details.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS;
  const argv = [...details.entrypoint, ...details.cmd];
  const pid1IsShell = !details.init && isShellForm(argv);
  const notes: string[] = [];
  if (pid1IsShell) {
    notes.push(
      `PID 1 is a shell (${argv[0]} -c): it does not forward ${stopSignal} to the program it runs, so docker stop ` +
        `waits ${stopTimeoutSeconds} s and kills it — use exec in the script or run with --init`,
    );
  } else if (!details.init) {
    notes.push(
      `${argv[0] ?? 'the command'} runs as PID 1 without --init: the kernel gives PID 1 no default action for ` +
        `${stopSignal}, so unless the program handles it docker stop waits ${stopTimeoutSeconds} s and kills it`,
    );
  }
  if (configured !== undefined && normaliseSignal(configured) === undefined) {
    notes.push(`stop signal "${configured}" is not a Linux signal name or number — docker stop will fail`);
  }
  return {
    stopSignal,
    stopSignalIsDefault: configured === undefined,
    stopTimeoutSeconds,
    stopTimeoutIsDefault: details.stopTimeout === undefined,
    init: details.init,
    pid1Command: argv.join(' '),
    pid1IsShell,
    notes,
  };
}
