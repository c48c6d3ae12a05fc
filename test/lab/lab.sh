#!/usr/bin/env bash
# fleetdeck lab: N real Docker hosts on this machine, each with its own dockerd and its own sshd.
#
#   lab.sh up [N]        start hosts 0..N-1 (default 3); idempotent
#   lab.sh down          stop what this lab started (by its pidfiles), unmount, remove exec roots
#   lab.sh destroy       down, then delete the lab directory
#   lab.sh status        one line per host; exit 1 unless every host is up
#   lab.sh env [I]       shell exports for using the lab (DOCKER_HOST of host I, default 0)
#   lab.sh reset [I]     recreate the role containers on host I (default: every host)
#   lab.sh sshd-stop I   kill host I's sshd and its open sessions; sshd-start I brings it back
#   lab.sh dockerd-stop I / dockerd-start I
#   lab.sh dockerd-freeze I / dockerd-thaw I   the same as fault-dockerd-freeze / fault-dockerd-thaw
#   lab.sh fault-dockerd-kill I     SIGKILL host I's dockerd (its socket file stays); dockerd-start I restarts it
#   lab.sh fault-dockerd-freeze I   SIGSTOP host I's dockerd: it accepts and never answers; fault-dockerd-thaw I
#   lab.sh fault-hostkey-change I   a new host key for host I's sshd (restarted; known_hosts keeps the old key);
#                                   fault-hostkey-restore I puts the original key back
#   lab.sh ssh I [CMD…]  ssh into host I as root (DOCKER_HOST is set there)
#   lab.sh docker I ARGS run the docker CLI against host I's socket
#   lab.sh podman-up     the optional Podman host lab-podman (needs podman): own service, storage, sshd;
#                        writes fleet-podman.yaml and podman.json; podman-reset, podman-down (down stops it too);
#                        lab.sh podman ARGS runs the docker CLI against its socket
#   lab.sh host-cert I CA_KEY   sign host I's key with CA_KEY (ssh-keygen -s … -h) and restart its sshd
#                        with HostCertificate; host-cert-remove I takes it away again
#
# Environment: LAB_DIR (default <repo>/.lab), LAB_PORT_BASE (default 22200; host i listens on base+i),
# LAB_BTRFS=0 to run host 0 on the default storage driver instead of a btrfs loop image.

# Container scripts below are single-quoted on purpose: the container's sh expands them.
# shellcheck disable=SC2016
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_DIR=$(realpath -m "${LAB_DIR:-$REPO_ROOT/.lab}")
PORT_BASE=${LAB_PORT_BASE:-22200}
LAB_BTRFS=${LAB_BTRFS:-1}
SSHD=/usr/sbin/sshd
# Unix socket paths must stay under ~108 bytes, and dockerd/containerd/libnetwork nest sockets deep
# inside the exec root; so exec roots and docker sockets live under a short per-lab directory in /run.
RUN_ROOT=/run/fdlab-$(printf '%s' "$LAB_DIR" | sha256sum | cut -c1-8)
IMAGES_DIR=$LAB_DIR/images

log() { printf '[lab] %s\n' "$*" >&2; }
die() {
  printf '[lab] error: %s\n' "$*" >&2
  exit 1
}

# ---------- per-host paths ----------
host_dir() { echo "$LAB_DIR/h$1"; }
host_name() { echo "lab-$1"; }
host_port() { echo $((PORT_BASE + $1)); }
run_dir() { echo "$RUN_ROOT/h$1"; }
docker_sock() { echo "$(run_dir "$1")/docker.sock"; }
exec_root() { echo "$(run_dir "$1")/exec"; }
data_root() { echo "$(host_dir "$1")/data"; }
dockerd_pidfile() { echo "$(host_dir "$1")/dockerd.pid"; }
sshd_pidfile() { echo "$(host_dir "$1")/sshd.pid"; }
sshd_config() { echo "$(host_dir "$1")/sshd_config"; }
btrfs_image() { echo "$(host_dir "$1")/btrfs.img"; }
uses_btrfs() { [[ $1 == 0 && $LAB_BTRFS != 0 ]]; }

dock() {
  local i=$1
  shift
  docker -H "unix://$(docker_sock "$i")" "$@"
}

# Hosts this lab has set up (h0, h1, … directories), in order.
lab_host_indexes() {
  local d
  for d in "$LAB_DIR"/h*; do
    [[ -d $d && $(basename "$d") =~ ^h([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}"
  done | sort -n
}

# ---------- process helpers ----------
# A pid from a pidfile counts only if that process is still the program we started.
pid_of() {
  local pidfile=$1 comm=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid && -d /proc/$pid ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] || return 1
  echo "$pid"
}

descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# wait_until SECONDS WHAT CMD…: poll a condition every 0.1 s until it holds or time runs out.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || {
      log "timed out after ${seconds}s waiting for $what"
      return 1
    }
    sleep 0.1
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
daemon_answers() { dock "$1" version --format '{{.Server.Version}}'; }
# A zombie counts as gone: it is dead, only waiting for its parent (maybe a slow init) to reap it.
process_gone() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ -z $state || $state == Z ]]
}

# ---------- prerequisites ----------
check_tools() {
  [[ $(id -u) == 0 ]] || die "the lab needs root (it starts dockerd and mounts a btrfs image)"
  local missing=() tool
  for tool in dockerd docker containerd runc ssh ssh-keygen busybox mkfs.btrfs truncate setsid; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [[ -x $SSHD ]] || missing+=("$SSHD")
  ((${#missing[@]} == 0)) ||
    die "missing ${missing[*]} — install: apt-get install docker.io openssh-server btrfs-progs busybox-static"
  if ! file_is_static "$(command -v busybox)"; then
    die "$(command -v busybox) is dynamically linked; the tiny image needs busybox-static (apt-get install busybox-static)"
  fi
}

file_is_static() {
  # A static ELF has no PT_INTERP; ldd says "not a dynamic executable" for those.
  ! ldd "$1" >/dev/null 2>&1
}

# ---------- shared keys and the tiny image ----------
make_client_key() {
  [[ -s $LAB_DIR/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C fleetdeck-lab -f "$LAB_DIR/id_ed25519"
  cp "$LAB_DIR/id_ed25519.pub" "$LAB_DIR/authorized_keys"
  chmod 600 "$LAB_DIR/id_ed25519" "$LAB_DIR/authorized_keys"
}

# Build the busybox rootfs tarballs once per lab directory; each host imports them.
build_images() {
  local busybox stamp
  busybox=$(command -v busybox)
  stamp="$(sha256sum "$busybox" | cut -c1-16)-2"
  [[ -s $IMAGES_DIR/stamp && $(cat "$IMAGES_DIR/stamp") == "$stamp" ]] && return 0
  log "building the tiny busybox image rootfs"
  rm -rf "$IMAGES_DIR"
  local root=$IMAGES_DIR/rootfs
  mkdir -p "$root"/{bin,etc,tmp,proc,sys,dev,root,var/log}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in $("$busybox" --list); do
    [[ $applet == busybox || $applet == '[[' ]] && continue
    ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  local variant
  for variant in v1 v2; do
    echo "$variant" >"$root/etc/release"
    tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$IMAGES_DIR/tiny-$variant.tar" .
  done
  rm -rf "$root"
  echo "$stamp" >"$IMAGES_DIR/stamp"
}

# The first host imports the rootfs tarballs; every other host loads that host's saved images, so the
# same release has the same image ID everywhere, as images pulled from one registry would.
import_images() {
  local i=$1
  dock "$i" image inspect tiny:latest tiny:v2 >/dev/null 2>&1 && return 0
  (
    flock 9
    if [[ -s $IMAGES_DIR/tiny-images.tar ]]; then
      dock "$i" load -q -i "$IMAGES_DIR/tiny-images.tar" >/dev/null
    else
      local variant tag
      for variant in v1 v2; do
        [[ $variant == v1 ]] && tag=tiny:latest || tag=tiny:v2
        dock "$i" import -m "fleetdeck lab tiny $variant" \
          --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' \
          --change "LABEL org.fleetdeck.lab.image=tiny-$variant" \
          "$IMAGES_DIR/tiny-$variant.tar" "$tag" >/dev/null
      done
      dock "$i" save -o "$IMAGES_DIR/tiny-images.tar.tmp" tiny:latest tiny:v2
      mv "$IMAGES_DIR/tiny-images.tar.tmp" "$IMAGES_DIR/tiny-images.tar"
    fi
  ) 9>"$IMAGES_DIR/images.lock"
}

# ---------- dockerd ----------
mount_btrfs() {
  local i=$1 img data
  img=$(btrfs_image "$i")
  data=$(data_root "$i")
  mkdir -p "$data"
  mountpoint -q "$data" && return 0
  if [[ ! -s $img ]]; then
    truncate -s 1G "$img"
    mkfs.btrfs -q "$img" >/dev/null
  fi
  mount -o loop "$img" "$data" || die "$(host_name "$i"): cannot loop-mount $img on $data (need loop devices; LAB_BTRFS=0 runs without btrfs)"
}

start_dockerd() {
  local i=$1 dir pidfile
  dir=$(host_dir "$i")
  pidfile=$(dockerd_pidfile "$i")
  pid_of "$pidfile" dockerd >/dev/null && return 0
  rm -f "$pidfile"
  mkdir -p "$(data_root "$i")" "$(run_dir "$i")"
  local driver_args=()
  if uses_btrfs "$i"; then
    mount_btrfs "$i"
    driver_args=(--storage-driver btrfs)
  fi
  # Our own (empty) config file keeps /etc/docker/daemon.json of the machine out of the lab.
  [[ -s $dir/daemon.json ]] || echo '{}' >"$dir/daemon.json"
  setsid -f dockerd \
    --config-file "$dir/daemon.json" \
    --data-root "$(data_root "$i")" \
    --exec-root "$(exec_root "$i")" \
    --pidfile "$pidfile" \
    -H "unix://$(docker_sock "$i")" \
    --bridge none --iptables=false --ip-masq=false --userland-proxy=false \
    --shutdown-timeout 3 --log-level warn \
    "${driver_args[@]}" \
    </dev/null >>"$dir/dockerd.log" 2>&1
}

wait_dockerd() {
  local i=$1
  wait_until 60 "$(host_name "$i")'s dockerd to answer on $(docker_sock "$i") (log: $(host_dir "$i")/dockerd.log)" \
    daemon_answers "$i" || {
    tail -n 20 "$(host_dir "$i")/dockerd.log" >&2 || true
    return 1
  }
}

stop_dockerd() {
  local i=$1 pid containerd_pid
  containerd_pid=$(pid_of "$(exec_root "$i")/containerd/containerd.pid" containerd || true)
  if pid=$(pid_of "$(dockerd_pidfile "$i")" dockerd); then
    kill -TERM "$pid"
    wait_until 30 "$(host_name "$i")'s dockerd (pid $pid) to exit" process_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  # dockerd stops the containerd it manages; only a hard kill above can leave it behind.
  if [[ -n $containerd_pid ]] && kill -0 "$containerd_pid" 2>/dev/null; then
    kill -TERM "$containerd_pid" 2>/dev/null || true
    wait_until 10 "containerd (pid $containerd_pid) to exit" process_gone "$containerd_pid" || kill -KILL "$containerd_pid" 2>/dev/null || true
  fi
  rm -f "$(dockerd_pidfile "$i")"
}

# Mounts left under this host's directories (overlay layers, netns, shm), deepest first.
unmount_host() {
  local i=$1 prefix mp
  for prefix in "$(run_dir "$i")" "$(data_root "$i")"; do
    while read -r mp; do
      [[ $mp == "$(data_root "$i")" ]] && continue
      umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
    done < <(awk -v p="$prefix/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  done
  if mountpoint -q "$(data_root "$i")"; then
    umount "$(data_root "$i")" 2>/dev/null || umount -l "$(data_root "$i")"
  fi
}

# ---------- sshd ----------
render_sshd_config() {
  local i=$1 dir
  dir=$(host_dir "$i")
  cat <<EOF
# $(host_name "$i") of the fleetdeck lab at $LAB_DIR
Port $(host_port "$i")
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ed25519_key
$(host_cert_line "$i")
PidFile $(sshd_pidfile "$i")
AuthorizedKeysFile $LAB_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
# direct-streamlocal needs local forwarding permitted: with "no", OpenSSH denies every stream-local open.
AllowTcpForwarding local
X11Forwarding no
PrintMotd no
PrintLastLog no
# SHLVL=1 keeps Debian's bash from reading ~/.bashrc for every exec (hundreds of ms each).
SetEnv DOCKER_HOST=unix://$(docker_sock "$i") SHLVL=1
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
}

# Opt-in (lab.sh host-cert): a host certificate beside the host key is presented to clients that ask.
host_cert_file() { echo "$(host_dir "$1")/ssh_host_ed25519_key-cert.pub"; }
host_cert_line() {
  if [[ -s $(host_cert_file "$1") ]]; then
    printf 'HostCertificate %s' "$(host_cert_file "$1")"
  else
    printf '# no HostCertificate (lab.sh host-cert adds one)'
  fi
}

# Signs host I's key with the CA private key given (principals: 127.0.0.1 and lab-I) and restarts sshd.
cmd_host_cert() {
  local i=$1 ca=$2 dir
  dir=$(host_dir "$i")
  [[ -s $ca ]] || die "host-cert: no CA private key at $ca"
  ssh-keygen -q -s "$ca" -h -I "$(host_name "$i")" -n "127.0.0.1,$(host_name "$i")" -V -5m:+1d "$dir/ssh_host_ed25519_key.pub"
  restart_sshd "$i"
}

cmd_host_cert_remove() {
  rm -f "$(host_cert_file "$1")"
  restart_sshd "$1"
}

restart_sshd() {
  write_sshd_config "$1"
  stop_sshd "$1"
  start_sshd "$1"
}

write_sshd_config() {
  local i=$1 dir
  dir=$(host_dir "$i")
  [[ -s $dir/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "$(host_name "$i")" -f "$dir/ssh_host_ed25519_key"
  render_sshd_config "$i" >"$(sshd_config "$i")"
}

# The config a running sshd was started with is kept beside it: when this script's config
# changes, `up` restarts that sshd instead of leaving it on the old settings.
sshd_config_current() {
  local running
  running="$(sshd_config "$1").running"
  [[ -s $running ]] && cmp -s "$running" <(render_sshd_config "$1")
}

start_sshd() {
  local i=$1 port
  port=$(host_port "$i")
  pid_of "$(sshd_pidfile "$i")" sshd >/dev/null && return 0
  rm -f "$(sshd_pidfile "$i")"
  if port_open "$port"; then
    die "$(host_name "$i"): port $port is taken by another program — pick another LAB_PORT_BASE"
  fi
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  "$SSHD" -t -f "$(sshd_config "$i")" || die "$(host_name "$i"): sshd rejects $(sshd_config "$i")"
  # sshd daemonizes itself (own session), so it outlives this script and the caller's process group.
  "$SSHD" -f "$(sshd_config "$i")" -E "$(host_dir "$i")/sshd.log"
  cp "$(sshd_config "$i")" "$(sshd_config "$i").running"
  wait_until 15 "$(host_name "$i")'s sshd to accept on 127.0.0.1:$port (log: $(host_dir "$i")/sshd.log)" port_open "$port"
}

# Kills the listener and every session it spawned, so open client connections drop as on a real outage.
stop_sshd() {
  local i=$1 pid victims
  if pid=$(pid_of "$(sshd_pidfile "$i")" sshd); then
    victims="$pid $(descendants "$pid" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    kill -TERM $victims 2>/dev/null || true
    wait_until 10 "$(host_name "$i")'s sshd (pid $pid) to exit" process_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(sshd_pidfile "$i")"
}

# ---------- role containers ----------
# Busybox sh scripts. `sleep 1 & wait $!` lets trapped signals run at once instead of after the sleep.
web_script() {
  cat <<EOF
trap 'echo "$1: got SIGTERM, shutting down"; exit 0' TERM
echo "$1: listening"
i=0
while :; do
  i=\$((i+1))
  echo "$1: GET /items/\$i 200 request=\$i"
  if [ \$((i % 7)) -eq 0 ]; then echo "$1: warn slow upstream request=\$i" >&2; fi
  sleep 1 & wait \$!
done
EOF
}

WORKER_SCRIPT='echo "worker: started"; n=0; while :; do n=$((n+1)); echo "worker: job $n done"; sleep 3; done'
CRON_SCRIPT='trap '\''echo "cron: got SIGINT, exiting"; exit 0'\'' INT
echo "cron: scheduler started"
while :; do echo "cron: tick $(date +%H:%M:%S)"; sleep 5 & wait $!; done'
SIGIGNORE_SCRIPT='trap "" TERM; echo "sigignore: ignoring SIGTERM"; while :; do sleep 1; done'
HEALTHY_SCRIPT='touch /tmp/ok; trap "exit 0" TERM; echo "healthy: ready"; while :; do sleep 1 & wait $!; done'
FAILED_SCRIPT='echo "failed: missing config /etc/app.conf, exiting 3" >&2; exit 3'
SIGLOG_SCRIPT='trap "echo got SIGUSR1" USR1
trap "echo got SIGHUP" HUP
trap "echo got SIGTERM; exit 0" TERM
echo "siglog: ready"
while :; do sleep 1 & wait $!; done'

run_role() {
  local i=$1 name=$2
  shift 2
  dock "$i" container inspect "$name" >/dev/null 2>&1 && return 0
  dock "$i" run -d --name "$name" --hostname "$name" --network none "$@" >/dev/null
}

ensure_containers() {
  local i=$1 host
  host=$(host_name "$i")
  local keep=(--restart unless-stopped --label "lab.host=$host")
  run_role "$i" web-1 "${keep[@]}" --label role=web tiny:latest sh -c "$(web_script web-1)"
  run_role "$i" web-2 "${keep[@]}" tiny:latest sh -c "$(web_script web-2)"
  run_role "$i" worker-1 "${keep[@]}" --label role=worker --init tiny:latest sh -c "$WORKER_SCRIPT"
  run_role "$i" cron "${keep[@]}" --label role=cron --stop-signal SIGINT --stop-timeout 5 tiny:latest sh -c "$CRON_SCRIPT"
  # A short stop timeout: `docker stop` still ends in SIGKILL/137, and tests and `down` wait less.
  run_role "$i" sigignore "${keep[@]}" --stop-timeout 3 tiny:latest sh -c "$SIGIGNORE_SCRIPT"
  run_role "$i" healthy "${keep[@]}" \
    --health-cmd 'test -f /tmp/ok' --health-interval 2s --health-timeout 2s --health-retries 2 \
    tiny:latest sh -c "$HEALTHY_SCRIPT"
  run_role "$i" failed --label "lab.host=$host" tiny:latest sh -c "$FAILED_SCRIPT"
  run_role "$i" siglog "${keep[@]}" --label role=debug tiny:latest sh -c "$SIGLOG_SCRIPT"
}

remove_containers() {
  local i=$1 ids
  ids=$(dock "$i" ps -aq)
  # shellcheck disable=SC2086
  [[ -z $ids ]] || dock "$i" rm -f $ids >/dev/null
}

# ---------- inventory ----------
json_str() {
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

storage_driver() { dock "$1" info --format '{{.Driver}}' 2>/dev/null || echo unknown; }

write_inventory() {
  local count=$1 i first=1 driver
  # The lab's hosts are not in anyone's ~/.ssh/config: its own (empty) ssh_config keeps that out.
  printf '# ssh_config of the fleetdeck lab (fleet.yaml sshConfig:, i.e. ssh -F): deliberately empty\n' >"$LAB_DIR/ssh_config"
  {
    printf 'sshConfig: %s\nknownHostsFile: %s\nhosts:\n' "$LAB_DIR/ssh_config" "$LAB_DIR/known_hosts"
    for ((i = 0; i < count; i++)); do
      printf '  - name: %s\n    ssh: root@127.0.0.1:%s\n    identityFile: %s\n    socket: %s\n    group: lab\n' \
        "$(host_name "$i")" "$(host_port "$i")" "$LAB_DIR/id_ed25519" "$(docker_sock "$i")"
    done
  } >"$LAB_DIR/fleet.yaml"
  for ((i = 0; i < count; i++)); do
    printf '[127.0.0.1]:%s %s\n' "$(host_port "$i")" "$(cut -d' ' -f1,2 "$(host_dir "$i")/ssh_host_ed25519_key.pub")"
  done >"$LAB_DIR/known_hosts"
  {
    printf '{\n  "labDir": %s,\n  "clientKey": %s,\n  "knownHosts": %s,\n  "fleetFile": %s,\n  "portBase": %s,\n  "hosts": [' \
      "$(json_str "$LAB_DIR")" "$(json_str "$LAB_DIR/id_ed25519")" "$(json_str "$LAB_DIR/known_hosts")" \
      "$(json_str "$LAB_DIR/fleet.yaml")" "$PORT_BASE"
    for ((i = 0; i < count; i++)); do
      ((first)) || printf ','
      first=0
      printf '\n    { "name": %s, "port": %s, "dockerSocket": %s, "sshdPidFile": %s, "sshdConfig": %s,' \
        "$(json_str "$(host_name "$i")")" "$(host_port "$i")" "$(json_str "$(docker_sock "$i")")" \
        "$(json_str "$(sshd_pidfile "$i")")" "$(json_str "$(sshd_config "$i")")"
      driver=$(storage_driver "$i")
      printf '\n      "dockerdPidFile": %s, "storageDriver": %s, "dataRoot": %s' \
        "$(json_str "$(dockerd_pidfile "$i")")" "$(json_str "$driver")" "$(json_str "$(data_root "$i")")"
      if [[ $driver == btrfs ]]; then printf ', "btrfsImage": %s' "$(json_str "$(btrfs_image "$i")")"; fi
      printf ' }'
    done
    printf '\n  ]\n}\n'
  } >"$LAB_DIR/inventory.json.tmp"
  mv "$LAB_DIR/inventory.json.tmp" "$LAB_DIR/inventory.json"
}

# ---------- faults (the fault suite; each has its undo) ----------
fault_dockerd_kill() {
  local i=$1 pid containerd_pidfile containerd_pid
  pid=$(pid_of "$(dockerd_pidfile "$i")" dockerd) || die "$(host_name "$i"): dockerd is not running"
  containerd_pidfile=$(exec_root "$i")/containerd/containerd.pid
  containerd_pid=$(pid_of "$containerd_pidfile" containerd || true)
  kill -KILL "$pid"
  wait_until 10 "$(host_name "$i")'s dockerd (pid $pid) to die" process_gone "$pid"
  # The containerd that dockerd manages dies with it (its parent-death signal).
  if [[ -n $containerd_pid ]]; then
    wait_until 10 "containerd (pid $containerd_pid) to die with dockerd" process_gone "$containerd_pid" || true
  fi
  # Where nothing reaps orphans (pid 1 of some containers), the dead stay zombies that pid_of,
  # and the next dockerd looking for its containerd, would take for running: forget their pidfiles.
  rm -f "$(dockerd_pidfile "$i")"
  if [[ -z $containerd_pid ]] || process_gone "$containerd_pid"; then rm -f "$containerd_pidfile"; fi
}

frozen_file() { echo "$(host_dir "$1")/dockerd.frozen"; }

# A hung daemon: the process stops, its socket keeps accepting (the kernel queues connections).
fault_dockerd_freeze() {
  local i=$1 pid
  pid=$(pid_of "$(dockerd_pidfile "$i")" dockerd) || die "$(host_name "$i"): dockerd is not running"
  echo "$pid" >"$(frozen_file "$i")"
  kill -STOP "$pid"
}

# Thaws what fault_dockerd_freeze stopped; quiet and harmless when nothing is frozen.
fault_dockerd_thaw() {
  local i=$1 pid
  [[ -s $(frozen_file "$i") ]] || return 0
  pid=$(tr -dc '0-9' <"$(frozen_file "$i")")
  [[ -n $pid ]] && kill -CONT "$pid" 2>/dev/null || true
  rm -f "$(frozen_file "$i")"
}

host_key() { echo "$(host_dir "$1")/ssh_host_ed25519_key"; }

# As if the host was rebuilt: sshd (and every open session) restarts with a key known_hosts does not have.
fault_hostkey_change() {
  local i=$1 key
  key=$(host_key "$i")
  if [[ ! -s $key.orig ]]; then
    cp -p "$key" "$key.orig"
    cp -p "$key.pub" "$key.orig.pub"
  fi
  stop_sshd "$i"
  rm -f "$key" "$key.pub"
  ssh-keygen -q -t ed25519 -N '' -C "$(host_name "$i") rebuilt" -f "$key"
  start_sshd "$i"
}

fault_hostkey_restore() {
  local i=$1 key
  key=$(host_key "$i")
  [[ -s $key.orig ]] || return 0
  stop_sshd "$i"
  mv -f "$key.orig" "$key"
  mv -f "$key.orig.pub" "$key.pub"
  start_sshd "$i"
}

# ---------- the Podman host (optional: lab.sh podman-up; needs `apt-get install podman`) ----------
# One rootful `podman system service` on its own socket, with its own storage root, run root, tmp
# dir and containers.conf under the lab, behind its own sshd — reached like the Docker hosts.
# CONTAINERS_CONF: the sandbox here refuses the rlimits Podman sets by default (default_ulimits).
podman_dir() { echo "$LAB_DIR/podman"; }
podman_run_dir() { echo "$RUN_ROOT/podman"; }
podman_sock() { echo "$(podman_run_dir)/podman.sock"; }
podman_port() { echo "${LAB_PODMAN_PORT:-$((PORT_BASE + 19))}"; }
podman_pidfile() { echo "$(podman_dir)/service.pid"; }
podman_sshd_pidfile() { echo "$(podman_dir)/sshd.pid"; }
podman_sshd_config() { echo "$(podman_dir)/sshd_config"; }
PODMAN_HOST=lab-podman

podman_env() {
  export CONTAINERS_CONF="$(podman_dir)/containers.conf" CONTAINERS_STORAGE_CONF="$(podman_dir)/storage.conf"
}
podman_globals() {
  PODMAN_ARGS=(--root "$(podman_dir)/root" --runroot "$(podman_run_dir)/runroot" --tmpdir "$(podman_run_dir)/tmp"
    --cgroup-manager cgroupfs --events-backend file)
}
pod() (
  podman_env
  podman_globals
  exec podman "${PODMAN_ARGS[@]}" "$@"
)
# The Docker CLI speaks to Podman's Docker API, so the role containers are made as on the Docker hosts.
pod_dock() { docker -H "unix://$(podman_sock)" "$@"; }
podman_answers() { pod_dock version --format '{{.Server.Version}}'; }

write_podman_configs() {
  local dir
  dir=$(podman_dir)
  mkdir -p "$dir/root" "$(podman_run_dir)/runroot" "$(podman_run_dir)/tmp"
  cat >"$dir/containers.conf" <<EOF
# containers.conf of $PODMAN_HOST in the fleetdeck lab (CONTAINERS_CONF: the machine's own is not read)
[containers]
# The sandbox refuses the rlimits Podman sets by default; none set lets containers start.
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
network_config_dir = "$dir/networks"
volume_path = "$dir/root/volumes"
EOF
  cat >"$dir/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/root"
runroot = "$(podman_run_dir)/runroot"
EOF
  mkdir -p "$dir/networks"
}

start_podman_service() {
  local pidfile
  pidfile=$(podman_pidfile)
  pid_of "$pidfile" podman >/dev/null && return 0
  rm -f "$pidfile" "$(podman_sock)"
  write_podman_configs
  # --time 0: the service never exits for idleness. Its own session outlives this script; $! is
  # podman itself (the subshell execs setsid, which execs podman: no group leader, so no fork).
  (
    podman_env
    podman_globals
    exec setsid podman "${PODMAN_ARGS[@]}" system service --time 0 "unix://$(podman_sock)" \
      </dev/null >>"$(podman_dir)/service.log" 2>&1
  ) &
  echo $! >"$pidfile"
  wait_until 60 "$PODMAN_HOST's podman service to answer on $(podman_sock) (log: $(podman_dir)/service.log)" \
    podman_answers || {
    tail -n 20 "$(podman_dir)/service.log" >&2 || true
    return 1
  }
}

render_podman_sshd_config() {
  local dir
  dir=$(podman_dir)
  cat <<EOF
# $PODMAN_HOST of the fleetdeck lab at $LAB_DIR (Podman's Docker API socket)
Port $(podman_port)
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ed25519_key
PidFile $(podman_sshd_pidfile)
AuthorizedKeysFile $LAB_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
AllowTcpForwarding local
X11Forwarding no
PrintMotd no
PrintLastLog no
SetEnv DOCKER_HOST=unix://$(podman_sock) SHLVL=1
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
}

start_podman_sshd() {
  local dir port
  dir=$(podman_dir)
  port=$(podman_port)
  pid_of "$(podman_sshd_pidfile)" sshd >/dev/null && return 0
  [[ -s $dir/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "$PODMAN_HOST" -f "$dir/ssh_host_ed25519_key"
  render_podman_sshd_config >"$(podman_sshd_config)"
  port_open "$port" && die "$PODMAN_HOST: port $port is taken by another program — set LAB_PODMAN_PORT"
  mkdir -p /run/sshd
  "$SSHD" -t -f "$(podman_sshd_config)" || die "$PODMAN_HOST: sshd rejects $(podman_sshd_config)"
  "$SSHD" -f "$(podman_sshd_config)" -E "$dir/sshd.log"
  wait_until 15 "$PODMAN_HOST's sshd to accept on 127.0.0.1:$port" port_open "$port"
}

podman_images() {
  pod image exists tiny:latest && pod image exists tiny:v2 && return 0
  # The Docker hosts' saved images (same image IDs), else the rootfs tarballs imported here.
  if [[ -s $IMAGES_DIR/tiny-images.tar ]]; then
    pod load -q -i "$IMAGES_DIR/tiny-images.tar" >/dev/null
  else
    local variant tag
    for variant in v1 v2; do
      [[ $variant == v1 ]] && tag=tiny:latest || tag=tiny:v2
      pod import -q -m "fleetdeck lab tiny $variant" --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' \
        --change "LABEL org.fleetdeck.lab.image=tiny-$variant" "$IMAGES_DIR/tiny-$variant.tar" "$tag" >/dev/null
    done
  fi
}

podman_run_role() {
  local name=$1
  shift
  pod_dock container inspect "$name" >/dev/null 2>&1 && return 0
  pod_dock run -d --name "$name" --hostname "$name" --network none "$@" >/dev/null
}

# The Docker hosts' roles, less `healthy` (Podman runs health checks from systemd timers, which this
# machine has not) and `--init` (Podman's needs catatonit, which Debian's podman does not ship).
podman_containers() {
  local keep=(--restart unless-stopped --label "lab.host=$PODMAN_HOST")
  podman_run_role web-1 "${keep[@]}" --label role=web tiny:latest sh -c "$(web_script web-1)"
  podman_run_role web-2 "${keep[@]}" --label role=web tiny:latest sh -c "$(web_script web-2)"
  podman_run_role worker-1 "${keep[@]}" --label role=worker tiny:latest sh -c "$WORKER_SCRIPT"
  podman_run_role cron "${keep[@]}" --label role=cron --stop-signal SIGINT --stop-timeout 5 tiny:latest sh -c "$CRON_SCRIPT"
  podman_run_role failed --label "lab.host=$PODMAN_HOST" tiny:latest sh -c "$FAILED_SCRIPT"
}

write_podman_inventory() {
  local dir
  dir=$(podman_dir)
  printf '[127.0.0.1]:%s %s\n' "$(podman_port)" "$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >"$dir/known_hosts"
  printf 'sshConfig: %s\nknownHostsFile: %s\nhosts:\n  - name: %s\n    ssh: root@127.0.0.1:%s\n    identityFile: %s\n    socket: %s\n    group: lab\n' \
    "$LAB_DIR/ssh_config" "$dir/known_hosts" "$PODMAN_HOST" "$(podman_port)" "$LAB_DIR/id_ed25519" \
    "$(podman_sock)" >"$LAB_DIR/fleet-podman.yaml"
  printf '{ "name": %s, "port": %s, "dockerSocket": %s, "fleetFile": %s, "knownHosts": %s, "version": %s, "storageDriver": %s }\n' \
    "$(json_str "$PODMAN_HOST")" "$(podman_port)" "$(json_str "$(podman_sock)")" \
    "$(json_str "$LAB_DIR/fleet-podman.yaml")" "$(json_str "$dir/known_hosts")" \
    "$(json_str "$(podman_answers)")" "$(json_str "$(pod_dock info --format '{{.Driver}}')")" >"$LAB_DIR/podman.json.tmp"
  mv "$LAB_DIR/podman.json.tmp" "$LAB_DIR/podman.json"
}

cmd_podman_up() {
  [[ $(id -u) == 0 ]] || die "the Podman host needs root"
  command -v podman >/dev/null || die "no podman on PATH — install it: apt-get install podman"
  check_tools
  mkdir -p "$LAB_DIR" "$RUN_ROOT" "$(podman_dir)"
  [[ -s $LAB_DIR/ssh_config ]] || printf '# ssh_config of the fleetdeck lab: deliberately empty\n' >"$LAB_DIR/ssh_config"
  make_client_key
  build_images
  start_podman_service
  start_podman_sshd
  podman_images
  podman_containers
  write_podman_inventory
  log "up: $PODMAN_HOST (Podman $(podman_answers)) on 127.0.0.1:$(podman_port) — fleet $LAB_DIR/fleet-podman.yaml"
}

cmd_podman_reset() {
  [[ -s $LAB_DIR/podman.json ]] || die "no Podman host in $LAB_DIR (lab.sh podman-up)"
  local ids
  ids=$(pod_dock ps -aq)
  # shellcheck disable=SC2086
  [[ -z $ids ]] || pod_dock rm -f $ids >/dev/null
  podman_images
  podman_containers
}

# Containers first (conmon outlives the service), then the service and sshd, then leftover mounts.
cmd_podman_down() {
  local pid mp
  [[ -d $(podman_dir) ]] || return 0
  rm -f "$LAB_DIR/podman.json"
  if command -v podman >/dev/null && [[ -s $(podman_dir)/containers.conf ]]; then
    pod rm -f -a -t 0 >/dev/null 2>&1 || true
  fi
  if pid=$(pid_of "$(podman_sshd_pidfile)" sshd); then
    kill -TERM "$pid" $(descendants "$pid") 2>/dev/null || true
    wait_until 10 "$PODMAN_HOST's sshd to exit" process_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  if pid=$(pid_of "$(podman_pidfile)" podman); then
    kill -TERM "$pid"
    wait_until 20 "$PODMAN_HOST's podman service to exit" process_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(podman_pidfile)" "$(podman_sshd_pidfile)"
  while read -r mp; do
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
  done < <(awk -v a="$(podman_dir)/" -v b="$(podman_run_dir)/" 'index($5, a) == 1 || index($5, b) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  rm -rf "$(podman_run_dir)"
}

# ---------- commands ----------
host_up() { # dockerd + sshd + images + containers for host I; quiet unless something fails
  local i=$1
  mkdir -p "$(host_dir "$i")"
  ln -sfn "$(run_dir "$i")" "$(host_dir "$i")/run"
  start_dockerd "$i"
  write_sshd_config "$i"
  sshd_config_current "$i" || stop_sshd "$i"
  wait_dockerd "$i"
  start_sshd "$i"
  import_images "$i"
  ensure_containers "$i"
}

host_is_up() {
  local i=$1
  pid_of "$(dockerd_pidfile "$i")" dockerd >/dev/null && pid_of "$(sshd_pidfile "$i")" sshd >/dev/null &&
    sshd_config_current "$i" && port_open "$(host_port "$i")" && daemon_answers "$i" >/dev/null 2>&1
}

recorded_count() { [[ -s $LAB_DIR/count ]] && cat "$LAB_DIR/count" || echo 0; }

cmd_up() {
  local want=${1:-3}
  [[ $want =~ ^[1-9][0-9]*$ ]] || die "up: host count must be a positive number, got '$want'"
  check_tools
  local count=$want recorded
  recorded=$(recorded_count)
  if ((recorded > count)); then count=$recorded; fi
  mkdir -p "$LAB_DIR" "$RUN_ROOT"
  local all_up=1 i
  for ((i = 0; i < count; i++)); do host_is_up "$i" || all_up=0; done
  if ((all_up)) && [[ -s $LAB_DIR/inventory.json ]]; then
    log "already up: $count hosts at $LAB_DIR (ports $PORT_BASE..$((PORT_BASE + count - 1)))"
    return 0
  fi
  local started=$SECONDS
  log "starting $count hosts at $LAB_DIR (ports $PORT_BASE..$((PORT_BASE + count - 1)))"
  make_client_key
  build_images
  echo "$count" >"$LAB_DIR/count"
  # Hosts come up in parallel; each writes its own log so a failure shows what went wrong.
  local pids=() failed=()
  for ((i = 0; i < count; i++)); do
    mkdir -p "$(host_dir "$i")"
    (host_up "$i") >"$(host_dir "$i")/up.log" 2>&1 &
    pids[i]=$!
  done
  for ((i = 0; i < count; i++)); do
    wait "${pids[i]}" || failed+=("$i")
  done
  if ((${#failed[@]})); then
    for i in "${failed[@]}"; do
      log "$(host_name "$i") failed to start:"
      sed 's/^/    /' "$(host_dir "$i")/up.log" >&2
    done
    die "lab not up: ${#failed[@]} of $count hosts failed (run 'lab.sh down' to clean up)"
  fi
  write_inventory "$count"
  log "up: $count hosts in $((SECONDS - started))s — inventory $LAB_DIR/inventory.json, fleet $LAB_DIR/fleet.yaml"
}

cmd_down() {
  local indexes i pids=()
  cmd_podman_down
  indexes=$(lab_host_indexes)
  [[ -n $indexes ]] || {
    log "nothing to stop at $LAB_DIR"
    return 0
  }
  for i in $indexes; do
    (
      fault_dockerd_thaw "$i" # a frozen dockerd could not act on the TERM below
      stop_sshd "$i"
      stop_dockerd "$i"
      unmount_host "$i"
      rm -rf "$(run_dir "$i")"
    ) &
    pids+=($!)
  done
  local rc=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  rmdir "$RUN_ROOT" 2>/dev/null || true
  rm -f "$LAB_DIR/inventory.json"
  ((rc == 0)) || die "some hosts did not stop cleanly; see 'lab.sh status'"
  log "down: $LAB_DIR"
}

cmd_destroy() {
  cmd_down
  [[ -d $LAB_DIR ]] || return 0
  if awk -v p="$LAB_DIR/" 'index($5, p) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    die "refusing to delete $LAB_DIR: something is still mounted inside it"
  fi
  rm -rf "$LAB_DIR"
  log "destroyed $LAB_DIR"
}

cmd_status() {
  local indexes i all=0 up=0
  indexes=$(lab_host_indexes)
  [[ -n $indexes ]] || {
    echo "no lab at $LAB_DIR"
    return 1
  }
  for i in $indexes; do
    all=$((all + 1))
    local dockerd=down sshd=down running='-' driver='-'
    if pid_of "$(dockerd_pidfile "$i")" dockerd >/dev/null && daemon_answers "$i" >/dev/null 2>&1; then
      dockerd=up
      running=$(dock "$i" ps -q | wc -l)/$(dock "$i" ps -aq | wc -l)
      driver=$(storage_driver "$i")
    fi
    pid_of "$(sshd_pidfile "$i")" sshd >/dev/null && port_open "$(host_port "$i")" && sshd=up
    [[ $dockerd == up && $sshd == up ]] && up=$((up + 1))
    printf '%-7s ssh 127.0.0.1:%-6s sshd %-4s dockerd %-4s storage %-9s containers running %s  socket %s\n' \
      "$(host_name "$i")" "$(host_port "$i")" "$sshd" "$dockerd" "$driver" "$running" "$(docker_sock "$i")"
  done
  ((up == all))
}

cmd_env() {
  local i=${1:-0}
  cat <<EOF
export LAB_DIR=$LAB_DIR
export LAB_PORT_BASE=$PORT_BASE
export FLEETDECK_LAB_DIR=$LAB_DIR
export FLEETDECK_CONFIG=$LAB_DIR/fleet.yaml
export DOCKER_HOST=unix://$(docker_sock "$i")
EOF
}

need_index() {
  [[ ${1:-} =~ ^[0-9]+$ ]] || die "expected a host index (0, 1, …), got '${1:-}'"
  [[ -d $(host_dir "$1") ]] || die "no host $1 in $LAB_DIR (run 'lab.sh up' first)"
}

cmd_reset() {
  local indexes=${1:-$(lab_host_indexes)} i
  for i in $indexes; do
    need_index "$i"
    remove_containers "$i"
    import_images "$i"
    ensure_containers "$i"
  done
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    destroy) cmd_destroy ;;
    status) cmd_status ;;
    env) cmd_env "$@" ;;
    reset) cmd_reset "$@" ;;
    podman-up) cmd_podman_up ;;
    podman-down) cmd_podman_down ;;
    podman-reset) cmd_podman_reset ;;
    podman) pod_dock "$@" ;;
    sshd-stop)
      need_index "${1:-}"
      stop_sshd "$1"
      ;;
    sshd-start)
      need_index "${1:-}"
      start_sshd "$1"
      ;;
    dockerd-stop)
      need_index "${1:-}"
      stop_dockerd "$1"
      ;;
    dockerd-start)
      need_index "${1:-}"
      start_dockerd "$1"
      wait_dockerd "$1"
      ;;
    dockerd-freeze | dockerd-thaw) # a hung daemon: its socket keeps accepting, nothing answers
      need_index "${1:-}"
      "fault_${cmd//-/_}" "$1"
      ;;
    fault-dockerd-kill | fault-dockerd-freeze | fault-dockerd-thaw | fault-hostkey-change | fault-hostkey-restore)
      need_index "${1:-}"
      "${cmd//-/_}" "$1"
      ;;
    ssh)
      need_index "${1:-}"
      local i=$1
      shift
      exec ssh -i "$LAB_DIR/id_ed25519" -p "$(host_port "$i")" -o UserKnownHostsFile="$LAB_DIR/known_hosts" \
        -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes root@127.0.0.1 "$@"
      ;;
    host-cert)
      need_index "${1:-}"
      cmd_host_cert "$1" "${2:-}"
      ;;
    host-cert-remove)
      need_index "${1:-}"
      cmd_host_cert_remove "$1"
      ;;
    docker)
      need_index "${1:-}"
      local i=$1
      shift
      dock "$i" "$@"
      ;;
    *)
      awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
      [[ -z $cmd || $cmd == help || $cmd == -h || $cmd == --help ]] || exit 2
      ;;
  esac
}

main "$@"
