import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';

/** One ssh2 auth attempt (publickey with a key, or the agent). */
export type AuthAttempt =
  { type: 'publickey'; username: string; key: Buffer } | { type: 'agent'; username: string; agent: string };

export interface AuthPlan {
  attempts: AuthAttempt[];
  /** Why some identity files were not used, for the user ("~/.ssh/id_rsa: missing"). */
  notes: string[];
}

export interface AuthSources {
  readFile?: (path: string) => Promise<Buffer>;
  /** Usually process.env.SSH_AUTH_SOCK. */
  agentSocket?: string;
}

/** Keys from identity files first (in order), then the agent, as OpenSSH tries them. */
export async function planAuth(
  user: string,
  identityFiles: string[],
  sources: AuthSources,
): Promise<AuthPlan> {
  const read = sources.readFile ?? ((p: string) => readFile(p));
  const attempts: AuthAttempt[] = [];
  const notes: string[] = [];
  for (const file of identityFiles) {
    let key: Buffer;
    try {
      key = await read(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      notes.push(`${file}: ${code === 'ENOENT' ? 'missing' : `unreadable (${code ?? String(err)})`}`);
      continue;
    }
    const parsed = ssh2.utils.parseKey(key);
    if (parsed instanceof Error) {
      notes.push(`${file}: not usable (${parsed.message}); encrypted keys must be loaded into ssh-agent`);
      continue;
    }
    attempts.push({ type: 'publickey', username: user, key });
  }
  if (sources.agentSocket) attempts.push({ type: 'agent', username: user, agent: sources.agentSocket });
  return { attempts, notes };
}
