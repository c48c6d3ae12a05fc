import { describe, expect, it } from 'vitest';
import { renderNames, renderModeTable, renderTable } from '../../../src/app/output/table.js';
import { displayWidth } from '../../../src/domain/text/width.js';

/** Where each cell of a rendered line starts, in terminal columns. */
function cellStarts(line: string): number[] {
  const starts: number[] = [];
  const re = /(?:^|(?<= {2}))(?! )/g;
  for (const m of line.matchAll(re)) starts.push(displayWidth(line.slice(0, m.index)));
  return starts;
}

describe('renderTable', () => {
  it('aligns CJK and emoji cells by display width, not by UTF-16 length', () => {
    const out = renderTable(
      [
        { header: 'NAME', max: 40 },
        { header: 'ROLE', max: 40 },
        { header: 'STATE', max: 40 },
      ],
      [
        ['web-1', '支払いサービス', 'running'],
        ['🚀-launch', 'web', 'exited'],
        ['api', 'e\u0301', 'running'],
      ],
    );
    const lines = out.trimEnd().split('\n');
    const starts = lines.map(cellStarts);
    for (const s of starts) expect(s).toEqual(starts[0]);
    // ROLE column is as wide as its widest cell (14 columns of CJK) plus the two-space gap.
    expect(starts[0]).toEqual([0, 11, 27]);
  });

  it('caps each cell at its column maximum without cutting a wide character in half', () => {
    const out = renderTable(
      [
        { header: 'ROLE', max: 10 },
        { header: 'X', max: 5 },
      ],
      [['支払いサービス-api', 'ok']],
    );
    const [, row] = out.split('\n');
    const cell = row!.slice(0, row!.indexOf('  ok'));
    expect(displayWidth(cell)).toBe(10);
    expect(cell).toMatch(/^支払いサー?…? *$/u);
    expect(cell.startsWith('支払いサ')).toBe(true);
  });

  it('sanitises every cell: no escape, control, bidi override or newline reaches the terminal', () => {
    const hostile = 'web\x1b]0;pwned\x07\x1b[2J\u202eevil\nnext\rline\x9b31m';
    const out = renderTable(
      [
        { header: 'NAME', max: 80 },
        { header: 'REASON', max: 80 },
      ],
      [[hostile, hostile]],
    );
    // eslint-disable-next-line no-control-regex -- the characters under test
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(out.split('\n')).toHaveLength(3); // header, one row, final newline
    expect(out).toContain('webevil next line');
  });

  it('never leaves half an escape sequence when a cut falls inside one', () => {
    const out = renderTable([{ header: 'A', max: 6 }], [['ab\x1b[31mcdefgh\x1b[0m']]);
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('[31m');
    expect(out.split('\n')[1]).toBe('abcde…');
  });

  it('--no-headers leaves the rows only; no rows and no headers is empty output', () => {
    const columns = [
      { header: 'A', max: 5 },
      { header: 'B', max: 5 },
    ];
    expect(renderTable(columns, [['x', 'y']], { headers: false })).toBe('x  y\n');
    expect(renderTable(columns, [], { headers: false })).toBe('');
    expect(renderTable(columns, [])).toBe('A  B\n');
  });
});

describe('renderModeTable', () => {
  const specs = [
    { header: 'NAME', max: 4, wideMax: 20 },
    { header: 'EXTRA', max: 10, wideMax: 10, wideOnly: true },
    { header: 'LAST', max: 10, wideMax: 10 },
  ];
  it('drops wide-only columns and uses the narrow caps by default', () => {
    expect(renderModeTable(false, specs, [['abcdefgh', 'x', 'y']])).toBe('NAME  LAST\nabc…  y\n');
  });
  it('-o wide shows every column with the wider caps, still capped', () => {
    expect(renderModeTable(true, specs, [['abcdefgh', 'x', 'y']])).toBe(
      'NAME      EXTRA  LAST\nabcdefgh  x      y\n',
    );
    const long = renderModeTable(true, specs, [['n'.repeat(100), 'x', 'y']]).split('\n')[1]!;
    expect(displayWidth(long.split('  ')[0]!)).toBe(20);
  });
});

describe('renderNames', () => {
  it('prints one sanitised name a line', () => {
    expect(renderNames(['lab-0/web-1', 'evil\x1b[2J\nname'])).toBe('lab-0/web-1\nevil name\n');
  });
});
