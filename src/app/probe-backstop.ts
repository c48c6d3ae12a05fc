import type { FleetSettings } from '../config/index.js';
import { DEFAULT_DEADLINES } from '../docker/deadlines.js';

/**
 * The backstop over a first look at a host (handshake, /_ping, /info, list). It must outlast the
 * handshake plus one Docker answer's own deadline: those errors say what answered and what did
 * not ("SSH up, Docker daemon … not answering"); the backstop's only says it took too long.
 */
export function probeBackstopMs(settings: Pick<FleetSettings, 'connect'>): number {
  return settings.connect.timeoutSeconds * 1000 + DEFAULT_DEADLINES.readAnswerMs + 5_000;
}
