import { EventEmitter } from 'node:events';

/**
 * A minimal terminal screen for tests: understands exactly what the frame writer may send
 * (absolute cursor moves, erase to end of line, synchronized-update and SGR codes, printable
 * text) and fails on anything else, so a write that relies on other terminal behaviour is caught.
 */
export class ScreenModel extends EventEmitter {
  readonly isTTY = true;
  cells: string[][];
  writes: string[] = [];
  private row = 0;
  private col = 0;

  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.cells = ScreenModel.blank(columns, rows);
  }

  private static blank(columns: number, rows: number): string[][] {
    return Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  }

  write = (data: string): boolean => {
    this.writes.push(data);
    // eslint-disable-next-line no-control-regex
    const seq = /^\x1b\[(\??)([0-9;]*)([A-Za-z])/;
    let i = 0;
    while (i < data.length) {
      if (data[i] === '\x1b') {
        const m = seq.exec(data.slice(i));
        if (!m) throw new Error(`unexpected escape at ${i}: ${JSON.stringify(data.slice(i, i + 12))}`);
        const [all, priv, params = '', final] = m;
        if (final === 'H' && !priv) {
          const [r = '1', c = '1'] = params.split(';');
          this.row = Number(r) - 1;
          this.col = Number(c) - 1;
        } else if (final === 'K' && !priv && params === '') {
          const line = this.cells[this.row];
          if (line) for (let c = this.col; c < this.columns; c++) line[c] = ' ';
        } else if (!(final === 'm' && !priv) && !(priv && (final === 'h' || final === 'l'))) {
          throw new Error(`unsupported sequence ${JSON.stringify(all)}`);
        }
        i += all.length;
        continue;
      }
      const ch = String.fromCodePoint(data.codePointAt(i) ?? 32);
      if (ch === '\n' || ch === '\r') throw new Error('the frame writer must not send newlines');
      if (this.row >= this.rows) throw new Error(`write below the last row (${this.row})`);
      if (this.col < this.columns) {
        const line = this.cells[this.row];
        if (line) line[this.col] = ch;
        this.col++;
      }
      i += ch.length;
    }
    return true;
  };

  text(): string[] {
    return this.cells.map((line) => line.join('').trimEnd());
  }

  bytesSince(mark: number): number {
    return this.writes.slice(mark).reduce((n, w) => n + Buffer.byteLength(w), 0);
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.cells = ScreenModel.blank(columns, rows);
    this.emit('resize');
  }
}
