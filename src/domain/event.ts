/** A Docker event from one host, reduced to what fleetdeck uses. */
export interface FleetEvent {
  host: string;
  /** Epoch ms (from timeNano when present). */
  time: number;
  /**
   * dockerd's timeNano when it sent one: orders a host's events finer than `time` (a JSON number,
   * so good to ~256 ns — enough to tell a die from the stop after it).
   */
  timeNano?: number;
  type: string; // container, image, network, volume, daemon…
  action: string; // start, die, kill, health_status: healthy…
  actorId: string;
  /** Actor attributes: name, image, exitCode, signal… */
  attributes: Readonly<Record<string, string>>;
}
