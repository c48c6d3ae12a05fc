import { useStdin } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { FleetReader } from '../../../fleet/snapshot.js';
import type { Theme } from '../../../theme/index.js';
import type { Clock } from '../../clock.js';
import { Screen } from '../../components/Screen.js';
import { useFleet } from '../../hooks/useFleet.js';
import { useKeyPresses } from '../../hooks/useKeyPresses.js';
import { useNow } from '../../hooks/useNow.js';
import { useTerminalSize } from '../../hooks/useTerminalSize.js';
import { useVisibleContainers } from '../../hooks/useVisibleContainers.js';
import type { ExternalAlert } from '../../presenters/alerts.js';
import type { LocalVitals } from '../../types.js';
import { vitalsText } from '../info-line.js';
import { localVitalsOf } from '../storage/present.js';
import { isTooSmall, tooSmallLines } from '../too-small.js';
import { WALLBOARD_BINDINGS } from './bindings.js';
import { paintWallboard } from './paint.js';
import { presentWallboard } from './present.js';

export interface WallboardProps {
  reader: FleetReader;
  theme: Theme;
  clock: Clock;
  onQuit: () => void;
  alerts?: readonly ExternalAlert[] | undefined;
  localVitals?: LocalVitals | undefined;
  onVisibleContainersChange?: ((keys: string[]) => void) | undefined;
  /** How long each page of tiles stays before the next one (default 10 s). */
  pageMs?: number | undefined;
}

/** Containers sampled for the tiles' trends at most: a page of tiles over a big fleet stays cheap. */
const MAX_SAMPLED = 120;
const NO_ALERTS: readonly ExternalAlert[] = [];

/** Read-only, input-free overview for a shared screen: wires the store and clock to the painter. */
export function Wallboard({
  reader,
  theme,
  clock,
  onQuit,
  alerts = NO_ALERTS,
  localVitals,
  onVisibleContainersChange,
  pageMs = 10_000,
}: WallboardProps) {
  const snapshot = useFleet(reader);
  const size = useTerminalSize();
  const now = useNow(clock);
  // Ink's flag is stdin.isTTY, which is undefined (not false) for a file or /dev/null; useInput only
  // stays off for an explicit false, and would then throw trying to enter raw mode.
  const isRawModeSupported = useStdin().isRawModeSupported === true;
  // Pages turn on the injected clock, so tests (and a paused clock) decide when.
  const [page, setPage] = useState(0);
  useEffect(() => clock.every(pageMs, () => setPage((p) => p + 1)), [clock, pageMs]);
  useKeyPresses(
    (press) => {
      if (WALLBOARD_BINDINGS.find((b) => b.keys.includes(press.name))?.id === 'quit') onQuit();
    },
    { isActive: isRawModeSupported },
  );
  const model = useMemo(() => presentWallboard(snapshot, now, alerts), [snapshot, now, alerts]);
  const frame = paintWallboard({
    model,
    width: size.columns,
    // A full-height frame makes Ink clear the screen on every update (flicker).
    height: size.rows - 1,
    page,
    footerRight: vitalsText(localVitals ?? localVitalsOf(snapshot.local)),
    theme,
  });
  useVisibleContainers(
    frame.shown.flatMap((t) => t.sampleKeys).slice(0, MAX_SAMPLED),
    onVisibleContainersChange,
  );

  if (isTooSmall(size.columns, size.rows))
    return <Screen lines={tooSmallLines(size.columns, size.rows, theme)} />;
  return <Screen lines={frame.lines} />;
}
