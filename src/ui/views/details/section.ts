/** One titled block of the details page: label/value lines (an empty label: a line of its own). */
export interface DetailsSection {
  title: string;
  lines: Array<[label: string, value: string]>;
}
