import type { Key } from 'ink';

/** Ink's (input, key) as one canonical name: `j`, `G`, `?`, `down`, `pagedown`, `shift-tab`, `ctrl-c`… */
export function keyName(input: string, key: Partial<Key>): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  return input;
}

/** How a key name is written in help and hints. */
export function displayKey(name: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    enter: 'Enter',
    esc: 'Esc',
    tab: 'Tab',
    'shift-tab': 'S-Tab',
    ' ': 'Space',
  };
  if (names[name]) return names[name];
  if (name.startsWith('ctrl-')) return `^${name.slice(5).toUpperCase()}`;
  return name;
}
