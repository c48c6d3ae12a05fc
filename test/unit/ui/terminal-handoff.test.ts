import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FrameWriter } from '../../../src/ui/terminal/frame-writer.js';
import { terminalHandoff } from '../../../src/ui/terminal/handoff.js';
import { InputGate } from '../../../src/ui/terminal/input-gate.js';
import { tapInput } from '../../../src/ui/terminal/input-tap.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../../src/ui/terminal/screen-modes.js';

/** A terminal that records what is written and can be resized. */
class FakeTerminal extends EventEmitter {
  columns = 20;
  rows = 3;
  isTTY = true;
  written: string[] = [];
  write(data: string): boolean {
    this.written.push(data);
    return true;
  }
  text(): string {
    return this.written.join('');
  }
}

function setup() {
  const out = new FakeTerminal();
  const frames = new FrameWriter(out, { maxFps: 0 });
  const gate = new InputGate();
  const handoff = terminalHandoff({ stdout: out as unknown as NodeJS.WriteStream, frames, gate });
  return { out, frames, gate, handoff };
}

describe('handing the terminal to a shell and back', () => {
  it('leaves the alternate screen, writes no frame meanwhile, and repaints the latest one whole on return', () => {
    const { out, frames, handoff } = setup();
    frames.showScreen(['view', 'row 1', 'status']);
    out.written = [];
    const t = handoff.take();
    expect(out.text()).toContain(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    expect(t.size()).toEqual({ rows: 3, columns: 20 });
    out.written = [];
    // The dashboard keeps rendering (a clock tick, a resize): nothing reaches the shell's screen.
    frames.showScreen(['view', 'row 1', 'status 12:01']);
    out.columns = 30;
    out.emit('resize');
    expect(out.text()).toBe('');
    handoff.giveBack();
    const back = out.text();
    expect(back.indexOf(ENTER_ALT_SCREEN)).toBeGreaterThanOrEqual(0);
    // Every row written again (the screen was the shell's), the latest frame's content.
    expect(back).toContain('\x1b[1;1Hview');
    expect(back).toContain('\x1b[2;1Hrow 1');
    expect(back).toContain('\x1b[3;1Hstatus 12:01');
    expect(back.indexOf(ENTER_ALT_SCREEN)).toBeLessThan(back.indexOf('view'));
  });

  it('resizes reach the shell through onResize until it unsubscribes', () => {
    const { out, handoff } = setup();
    const t = handoff.take();
    let seen = 0;
    const off = t.onResize(() => seen++);
    out.emit('resize');
    off();
    out.emit('resize');
    expect(seen).toBe(1);
    handoff.giveBack();
  });

  it('sends the keys Ink would read to the shell, none to Ink, until given back', () => {
    const { gate, handoff } = setup();
    const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
    let taps = 0;
    const ink = tapInput(stdin, () => taps++, gate);
    stdin.push('a');
    expect(ink.read()).not.toBeNull();
    const t = handoff.take();
    const toShell: string[] = [];
    t.stdin.on('data', (c: Buffer) => toShell.push(c.toString()));
    stdin.push('echo hi\r');
    expect(ink.read()).toBeNull();
    handoff.giveBack();
    stdin.push('j');
    expect(String(ink.read())).toBe('j');
    expect(toShell).toEqual(['echo hi\r']);
    expect(taps).toBe(2);
    expect(() => gate.divert(() => undefined)()).not.toThrow();
  });

  it('refuses a second shell while one has the terminal; giving back twice is harmless', () => {
    const { handoff } = setup();
    handoff.take();
    expect(() => handoff.take()).toThrow('already handed to a shell');
    handoff.giveBack();
    handoff.giveBack();
    expect(() => handoff.take()).not.toThrow();
  });
});
