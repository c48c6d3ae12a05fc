/**
 * Colours the pane needs, as Ink colour strings; the theme maps its `log.*` tokens onto these (see
 * logsPaneColors). Undefined means no colour: stderr keeps its `!` mark and a match is drawn inverse.
 */
export interface LogsPaneColors {
  stderr?: string | undefined;
  match?: string | undefined;
  notice?: string | undefined;
  /** Palette for source prefixes; a source keeps its colour (see sourceColorIndex). */
  sources: readonly (string | undefined)[];
}
