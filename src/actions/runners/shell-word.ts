/** Quotes one word for the POSIX shell of a helper container. */
export function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
