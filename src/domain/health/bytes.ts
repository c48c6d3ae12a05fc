/**
 * Byte sizes as Docker and the tools it shells out to print them. Docker (go-units HumanSize)
 * prints decimal SI units with 4 significant digits, with a space before the unit until 17.06
 * (`65.54 kB`) and without after (`65.54kB`); binary units (`1.2 GiB`) appear in other tools.
 */

const DECIMAL: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  e: 1e18,
  eb: 1e18,
};

const BINARY: Readonly<Record<string, number>> = {
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
  eib: 2 ** 60,
};

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** Parses `524.3 kB`, `65.54kB`, `0B`, `1.2 GiB`, `4096` into whole bytes; undefined when unreadable. */
export function parseByteSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const [, num = '', unitText = ''] = m;
  const unit = unitText.toLowerCase();
  const factor = BINARY[unit] ?? DECIMAL[unit];
  if (factor === undefined) return undefined;
  return Math.round(Number(num) * factor);
}
