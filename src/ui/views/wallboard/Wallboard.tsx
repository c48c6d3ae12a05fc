import { useStdin } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { FleetReader } from '../../../fleet/snapshot.js';
import type { Theme } from '../../../theme/index.js';
import type { Clock } from '../../clock.js';
import { Screen } from '../../components/Screen.js';
import { useKeyPresses } from '../../hooks/useKeyPresses.js';
import { WALLBOARD_BINDINGS } from './bindings.js';
import { useFleet } from '../../hooks/useFleet.js';
import { useNow } from '../../hooks/useNow.js';
import { useTerminalSize } from '../../hooks/useTerminalSize.js';
import { useVisibleContainers } from '../../hooks/useVisibleContainers.js';
import { collectAlerts, type ExternalAlert } from '../../presenters/alerts.js';
import { fit, formatClock, formatDuration } from '../../presenters/format.js';
import { presentRoles } from '../roles/present.js';
import { localVitalsOf, storageAlerts } from '../storage/present.js';
import { hostTiles, paginate, roleTiles, type Tile } from './present.js';
import type { LocalVitals } from '../../types.js';
import { vitalsText } from '../info-line.js';
import { isTooSmall, tooSmallLines } from '../too-small.js';

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

const TILE_WIDTH = 24;
const TILE_GAP = 2;
/** Title bar, status line, blank line between tile rows. */
const TILE_HEIGHT = 3;
const MAX_ALERT_LINES = 4;
const NO_KEYS: string[] = [];

function tileLines(tiles: readonly Tile[], perRow: number, theme: Theme): string[] {
  const lines: string[] = [];
  for (let i = 0; i < tiles.length; i += perRow) {
    const row = tiles.slice(i, i + perRow);
    const gap = ' '.repeat(TILE_GAP);
    lines.push(
      row
        .map((t) => theme.paint(fit(` ${t.title}`, TILE_WIDTH), t.tone, { inverse: true, bold: true }))
        .join(gap),
    );
    lines.push(row.map((t) => theme.paint(fit(` ${t.line}`, TILE_WIDTH), t.tone)).join(gap));
    lines.push('');
  }
  return lines;
}

/** Read-only, input-free overview for a shared screen: tiles, alerts, clock, page rotation. */
export function Wallboard({
  reader,
  theme,
  clock,
  onQuit,
  alerts,
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
  const [page, setPage] = useState(0);
  useEffect(() => clock.every(pageMs, () => setPage((p) => p + 1)), [clock, pageMs]);
  useKeyPresses(
    (press) => {
      if (WALLBOARD_BINDINGS.find((b) => b.keys.includes(press.name))?.id === 'quit') onQuit();
    },
    { isActive: isRawModeSupported },
  );
  // Tiles show no per-container usage: nothing needs sampling.
  useVisibleContainers(NO_KEYS, onVisibleContainersChange);

  const width = size.columns;
  const height = size.rows - 1;
  const tiles = useMemo(
    () => [...roleTiles(presentRoles(snapshot.containers)), ...hostTiles(snapshot.hosts)],
    [snapshot.containers, snapshot.hosts],
  );
  const alertItems = useMemo(
    () =>
      collectAlerts({
        hosts: snapshot.hosts,
        containers: snapshot.containers,
        events: snapshot.events,
        // Storage findings at warn/crit come from the store; `alerts` adds any from outside it.
        external: [...(alerts ?? []), ...storageAlerts(snapshot.storage)],
        now,
      }),
    [snapshot, alerts, now],
  );

  if (isTooSmall(size.columns, size.rows))
    return <Screen lines={tooSmallLines(size.columns, size.rows, theme)} />;

  const fresh =
    snapshot.updatedAt > 0 ? `updated ${formatDuration(now - snapshot.updatedAt)} ago` : 'waiting for data';
  const right = ` ${formatClock(now)} · ${fresh} `;
  const left = ' fleetdeck wallboard';
  const header = theme.paint(
    left + ' '.repeat(Math.max(1, width - left.length - right.length)) + right,
    'header.fg',
    { bg: 'header.bg', bold: true },
  );

  const alertLines: string[] = [];
  if (alertItems.length === 0) {
    alertLines.push(theme.paint(fit(' ✓ no alerts', width), 'status.healthy'));
  } else {
    const shown = alertItems.slice(
      0,
      alertItems.length > MAX_ALERT_LINES ? MAX_ALERT_LINES - 1 : MAX_ALERT_LINES,
    );
    for (const a of shown) {
      alertLines.push(
        theme.paint(fit(` ${a.severity === 'crit' ? '✗' : '!'} ${a.text}`, width), 'alert.fg', {
          bg: 'alert.bg',
        }),
      );
    }
    if (shown.length < alertItems.length) {
      alertLines.push(
        theme.paint(fit(` … ${alertItems.length - shown.length} more alerts`, width), 'alert.fg', {
          bg: 'alert.bg',
        }),
      );
    }
  }

  const footerLines = 1;
  const available = Math.max(TILE_HEIGHT, height - 1 - alertLines.length - 1 - footerLines);
  const perRow = Math.max(1, Math.floor((width + TILE_GAP) / (TILE_WIDTH + TILE_GAP)));
  const rowsPerPage = Math.max(1, Math.floor(available / TILE_HEIGHT));
  const pages = paginate(tiles, perRow * rowsPerPage);
  const current = pages[page % pages.length] ?? [];

  const vitals = vitalsText(localVitals ?? localVitalsOf(snapshot.local));
  const pageInfo = pages.length > 1 ? `page ${(page % pages.length) + 1}/${pages.length}` : '';
  const footerText = [pageInfo, vitals].filter(Boolean).join('  ');
  const lines = [header, ...alertLines, '', ...tileLines(current, perRow, theme)];
  while (lines.length < height - footerLines) lines.push('');
  lines.length = Math.min(lines.length, height - footerLines);
  lines.push(theme.paint(fit(footerText, width), 'text.dim'));
  return <Screen lines={lines} />;
}
