import { describe, expect, it } from 'vitest';
import { execRunner, isMissingProgram } from '../../../src/config/ssh/run-command.js';

describe('execRunner', () => {
  it('resolves with stdout and the exit code, also for a non-zero exit', async () => {
    const ok = await execRunner(process.execPath, ['-e', 'process.stdout.write("user root\\n")']);
    expect(ok).toEqual({ code: 0, stdout: 'user root\n', stderr: '' });
    const failed = await execRunner(process.execPath, [
      '-e',
      'process.stderr.write("bad"); process.exit(255)',
    ]);
    expect(failed).toMatchObject({ code: 255, stderr: 'bad' });
  });

  it('rejects with ENOENT when the program does not exist', async () => {
    const error = await execRunner('fleetdeck-no-such-program', ['-G']).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isMissingProgram(error)).toBe(true);
  });
});
