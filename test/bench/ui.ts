export async function uiBench(): Promise<void> {
  process.stdout.write('ui benchmark: not written yet\n');
}
