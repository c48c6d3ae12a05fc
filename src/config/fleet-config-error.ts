/** One problem in the configuration, pointing at where to fix it. */
export interface ConfigIssue {
  /** The file at fault (fleet file, a context's meta.json) or the flag (`--context`). */
  file: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  /** Key path inside the file, e.g. `hosts[1].ssh`; '' for the whole file. */
  path: string;
  message: string;
}

/** `fleet.yaml:7: hosts[1].ssh: expected …` */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** The configuration cannot be used; `issues` lists every problem found, not just the first. */
export class FleetConfigError extends Error {
  override readonly name = 'FleetConfigError';

  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** `['hosts', 1, 'ssh']` → `hosts[1].ssh` */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
