/** Colours the pane needs, as Ink colour strings; the theme maps its semantic tokens onto these. */
export interface LogsPaneColors {
  stderr: string;
  match: string;
  notice: string;
  /** Palette for source prefixes; a source keeps its colour (see sourceColorIndex). */
  sources: readonly string[];
}
