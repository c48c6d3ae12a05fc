#!/usr/bin/env bash
# fleetdeck lab swarm: three dockerd, each in its own network namespace (a veth pair onto a bridge
# this script creates), joined as a 3-manager Swarm. Additive to lab.sh (uses its tiny images).
#
#   swarm.sh up          start the namespaces, daemons and the swarm; idempotent
#   swarm.sh down        leave/stop the daemons, delete namespaces, veths and the bridge
#   swarm.sh status      one line per node; exit 1 unless all three answer
#   swarm.sh stop I / start I   stop / start manager I's dockerd (failover tests)
#   swarm.sh docker I ARGS      the docker CLI against manager I
#
# Needs root and iproute2 (ip netns, veth, bridge). Optional for local runs (integration tests skip
# the swarm when it is not up unless FLEETDECK_LAB=required); CI starts it (.ci/run).
# Environment: LAB_DIR (default <repo>/.lab), LAB_SWARM_NET (default 10.199.X, X from LAB_DIR: a /24 of its own).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_DIR=$(realpath -m "${LAB_DIR:-$REPO_ROOT/.lab}")
HASH=$(printf '%s' "$LAB_DIR" | sha256sum | cut -c1-4)
# A /24 per lab directory, so labs in several slots on one machine do not share a subnet.
NET=${LAB_SWARM_NET:-10.199.$((16#${HASH:0:2}))}
SW_DIR=$LAB_DIR/swarm
# Unix socket paths stay short (containerd nests sockets deep inside the exec root).
RUN_ROOT=/run/fdsw-$HASH
BRIDGE=fdsw$HASH
NODES=(0 1 2)

log() { printf '[swarm] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
ns() { echo "fdsw-$HASH-$1"; }
addr() { echo "$NET.$((10 + $1))"; }
sock() { echo "$RUN_ROOT/n$1/docker.sock"; }
pidfile() { echo "$SW_DIR/n$1/dockerd.pid"; }
dock() { docker -H "unix://$(sock "$1")" "${@:2}"; }

wait_until() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "timed out after ${seconds}s waiting for $what"
  return 1
}

running() {
  local pid
  pid=$(cat "$(pidfile "$1")" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null
}

make_net() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || {
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
  }
  ip link set "$BRIDGE" up
  local i n host peer
  for i in "${NODES[@]}"; do
    n=$(ns "$i")
    host=fs${HASH}h$i
    peer=fs${HASH}p$i
    ip netns list | grep -qx "$n\( .*\)\?" || ip netns add "$n"
    if ! ip link show "$host" >/dev/null 2>&1; then
      ip link add "$host" type veth peer name "$peer"
      ip link set "$peer" netns "$n"
      ip -n "$n" link set "$peer" name eth0
      ip -n "$n" addr add "$(addr "$i")/24" dev eth0
    fi
    ip link set "$host" master "$BRIDGE" up
    ip -n "$n" link set lo up
    ip -n "$n" link set eth0 up
    ip -n "$n" route replace default via "$NET.1" 2>/dev/null || true
  done
}

start_node() {
  local i=$1 dir
  running "$i" && return 0
  dir=$SW_DIR/n$i
  mkdir -p "$dir/data" "$RUN_ROOT/n$i"
  [[ -s $dir/daemon.json ]] || echo '{}' >"$dir/daemon.json"
  # nsenter --net, not `ip netns exec`: that remounts /sys in a new mount namespace, which hides
  # /sys/fs/cgroup from dockerd ("Devices cgroup isn't mounted").
  # Its own UTS namespace too, so each node has its own hostname (lab-swarm-nI) as real nodes do.
  setsid -f nsenter --net="/run/netns/$(ns "$i")" unshare --uts -- \
    sh -c 'hostname "$0" && exec "$@"' "lab-swarm-n$i" dockerd \
    --config-file "$dir/daemon.json" \
    --data-root "$dir/data" \
    --exec-root "$RUN_ROOT/n$i/exec" \
    --pidfile "$(pidfile "$i")" \
    -H "unix://$(sock "$i")" \
    --bridge none --iptables=false --ip-masq=false --userland-proxy=false \
    --shutdown-timeout 3 --log-level warn \
    </dev/null >>"$dir/dockerd.log" 2>&1
  wait_until 60 "swarm node $i's dockerd (log: $dir/dockerd.log)" dock "$i" version || {
    tail -n 20 "$dir/dockerd.log" >&2
    return 1
  }
}

stop_node() {
  local i=$1 pid
  pid=$(cat "$(pidfile "$i")" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_until 30 "swarm node $i's dockerd to exit" bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(pidfile "$i")"
}

load_images() {
  local i=$1 tar=$LAB_DIR/images/tiny-images.tar
  dock "$i" image inspect tiny:latest >/dev/null 2>&1 && return 0
  [[ -s $tar ]] || "$REPO_ROOT/test/lab/lab.sh" up 1 >/dev/null
  dock "$i" load -q -i "$tar" >/dev/null
}

state_of() { dock "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

form_swarm() {
  if [[ $(state_of 0) != active ]]; then
    dock 0 swarm init --advertise-addr "$(addr 0)" --listen-addr "$(addr 0):2377" >/dev/null
  fi
  local token i
  token=$(dock 0 swarm join-token -q manager)
  for i in 1 2; do
    [[ $(state_of "$i") == active ]] && continue
    dock "$i" swarm join --token "$token" --advertise-addr "$(addr "$i")" --listen-addr "$(addr "$i"):2377" "$(addr 0):2377" >/dev/null
  done
}

write_fleet() {
  {
    echo "# written by test/lab/swarm.sh: the lab swarm's three managers"
    echo "swarms:"
    echo "  - name: lab-swarm"
    echo "    managers:"
    for i in "${NODES[@]}"; do
      echo "      - name: lab-swarm-m$i"
      echo "        docker: unix://$(sock "$i")"
    done
  } >"$SW_DIR/fleet.yaml"
}

cmd_up() {
  [[ $(id -u) == 0 ]] || die "the lab swarm needs root (network namespaces, veth, bridge)"
  command -v ip >/dev/null || die "ip (iproute2) is not installed"
  mkdir -p "$SW_DIR"
  make_net
  local i
  for i in "${NODES[@]}"; do start_node "$i"; done
  for i in "${NODES[@]}"; do load_images "$i"; done
  form_swarm
  write_fleet
  log "up: 3 managers; fleet file $SW_DIR/fleet.yaml"
}

cmd_down() {
  local i
  for i in "${NODES[@]}"; do
    [[ -S $(sock "$i") ]] && dock "$i" swarm leave --force >/dev/null 2>&1 || true
    stop_node "$i"
  done
  for i in "${NODES[@]}"; do
    ip link del "fs${HASH}h$i" 2>/dev/null || true
    ip netns del "$(ns "$i")" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  # Mounts dockerd left under the data roots (overlay, netns), deepest first.
  grep -o " $SW_DIR/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$RUN_ROOT" "$SW_DIR"
  log "down"
}

cmd_status() {
  local i ok=0
  for i in "${NODES[@]}"; do
    if running "$i"; then
      printf 'n%s %s %s\n' "$i" "$(addr "$i")" "$(state_of "$i" || echo no-answer)"
    else
      printf 'n%s %s down\n' "$i" "$(addr "$i")"
      ok=1
    fi
  done
  return $ok
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  stop) stop_node "${2:?node index}" ;;
  start) start_node "${2:?node index}" ;;
  docker) dock "${2:?node index}" "${@:3}" ;;
  fleet) echo "$SW_DIR/fleet.yaml" ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
