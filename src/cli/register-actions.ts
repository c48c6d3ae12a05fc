import type { Command } from 'commander';
import type { CommandIo } from '../app/io.js';

/** Mutating commands (restart, kill, stop, snapshot, rollback, redeploy…). */
export function registerActionCommands(
  _program: Command,
  _io: CommandIo,
  _setHandler: (h: () => Promise<number>) => void,
  _globals: () => { fleet?: string; context?: string[] },
): void {}
