# slurm-local.sh: start and stop a real, throw-away, single-node SLURM cluster
# on this machine, for tests that submit work through sbatch/srun (for example
# Snakemake's SLURM executor plugin).
#
# Source this file; it defines functions only and changes no shell options, so
# it works under `set -euo pipefail`:
#
#   . tests/workflow/lib/slurm-local.sh
#   # 77: mark the test with the ctest property SKIP_RETURN_CODE 77
#   slurm_local_available || { echo "skip: no local SLURM possible"; exit 77; }
#   trap slurm_local_stop EXIT
#   slurm_local_start "$WORK/slurm"      # exports SLURM_CONF
#   sbatch --wrap 'hostname'
#
# Everything the cluster writes (munge key, slurm.conf, state, spool, logs,
# pid files, the munge socket) lives in WORKDIR, so a second copy can run next
# to a system SLURM and nothing of the machine's configuration is changed.
# The only machine-wide step is installing the Debian packages when missing.
#
# The daemons run as root (SlurmUser=root): the packaged setup expects a
# `slurm` user owning /var/lib/slurm and friends, which we avoid on purpose.
# When the caller is not root, the daemons and installs go through `sudo -n`.
#
# Tunables (environment, read by slurm_local_start):
#   SLURM_LOCAL_TIMEOUT      seconds to wait for the node to become idle [60]
#   SLURM_LOCAL_CTLD_PORT    slurmctld port [first free from 16817]
#   SLURM_LOCAL_SLURMD_PORT  slurmd port    [first free after the ctld port]
#   SLURM_LOCAL_PARTITION    partition name [debug]
#
# After start these are set (and exported where a client needs them):
#   SLURM_CONF               path of the generated slurm.conf (exported)
#   SLURM_LOCAL_DIR          WORKDIR
#   SLURM_LOCAL_NODE         node name (hostname -s)
#   SLURM_LOCAL_PARTITION    partition name (exported)

# Packages we need and a binary of each that proves it is installed.
_SLURM_LOCAL_PKGS=(slurmctld slurmd slurm-client munge)
_SLURM_LOCAL_BINS=(slurmctld slurmd sbatch squeue sinfo srun scancel munged mungekey munge)

# Run a command as root: directly when we are root, else through sudo -n
# (never prompt; a test must not hang waiting for a password).
_slurm_local_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo -n "$@"
  fi
}

_slurm_local_log() { echo "slurm-local: $*" >&2; }

# Where the daemons live: Debian puts them in /usr/sbin, which is not always on
# a non-root PATH.
_slurm_local_which() {
  local b=$1 d
  if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  for d in /usr/sbin /sbin /usr/local/sbin; do
    if [ -x "$d/$b" ]; then echo "$d/$b"; return 0; fi
  done
  return 1
}

_slurm_local_have_bins() {
  local b
  for b in "${_SLURM_LOCAL_BINS[@]}"; do
    _slurm_local_which "$b" >/dev/null || return 1
  done
}

# slurm_local_available: 0 when slurm_local_start can work here, i.e. we can
# act as root (root, or passwordless sudo) and the packages are installed or
# installable with apt-get. Prints the reason on stderr when not.
slurm_local_available() {
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
      _slurm_local_log "not root and no passwordless sudo"
      return 1
    fi
  fi
  if ! _slurm_local_have_bins && ! command -v apt-get >/dev/null 2>&1; then
    _slurm_local_log "SLURM/munge not installed and no apt-get to install them"
    return 1
  fi
  # The daemons need a resolvable short host name to name the node.
  if [ -z "$(hostname -s 2>/dev/null)" ]; then
    _slurm_local_log "hostname -s is empty"
    return 1
  fi
  return 0
}

_slurm_local_install() {
  _slurm_local_have_bins && return 0
  local missing=() p
  for p in "${_SLURM_LOCAL_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && missing=("${_SLURM_LOCAL_PKGS[@]}")
  _slurm_local_log "installing ${missing[*]}"
  # policy-rc.d in containers usually stops the packages' own services from
  # starting; where it does not, the system munged/slurmd start on their
  # default socket/ports, which we do not use (own socket, own ports), so they
  # do not get in the way.
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends)
  if ! _slurm_local_root "${apt[@]}" "${missing[@]}" >"${SLURM_LOCAL_DIR:-/tmp}/apt.log" 2>&1; then
    # Most likely an empty or stale package index (fresh container): update once.
    _slurm_local_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      >>"${SLURM_LOCAL_DIR:-/tmp}/apt.log" 2>&1 || true
    if ! _slurm_local_root "${apt[@]}" "${missing[@]}" >>"${SLURM_LOCAL_DIR:-/tmp}/apt.log" 2>&1; then
      _slurm_local_log "apt-get install failed:"
      tail -n 20 "${SLURM_LOCAL_DIR:-/tmp}/apt.log" >&2
      return 1
    fi
  fi
  _slurm_local_have_bins || { _slurm_local_log "packages installed but binaries missing"; return 1; }
}

# A TCP port nobody listens on, from $1 upwards. (A connect that succeeds means
# the port is taken; bash's /dev/tcp needs no extra tool.)
_slurm_local_free_port() {
  local p=$1 skip=${2:-0}
  while [ "$p" -lt $(($1 + 200)) ]; do
    if [ "$p" -ne "$skip" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return 0
    fi
    p=$((p + 1))
  done
  return 1
}

# Is PID alive and running program NAME? (Guards against killing a recycled
# pid when stop runs long after start, or twice.)
# A zombie (killed, not yet reaped) counts as gone.
_slurm_local_pid_is() {
  local pid=$1 name=$2 stat comm state
  [ -n "$pid" ] || return 1
  { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
  comm=${stat#*(}; comm=${comm%)*}
  state=${stat##*) }; state=${state%% *}
  [ "$comm" = "$name" ] && [ "$state" != Z ] && [ "$state" != X ]
}

_slurm_local_readpid() {
  if [ -r "$1" ]; then tr -dc '0-9' <"$1"; fi
}

# Print the last lines of each daemon log, for a failed start.
_slurm_local_dump_logs() {
  local f
  for f in "$SLURM_LOCAL_DIR"/log/munged.log "$SLURM_LOCAL_DIR"/log/slurmctld.log \
           "$SLURM_LOCAL_DIR"/log/slurmd.log "$SLURM_LOCAL_DIR"/log/*.stderr; do
    [ -e "$f" ] || continue
    echo "----- tail of $f -----" >&2
    _slurm_local_root tail -n 30 "$f" >&2 || true
  done
}

_slurm_local_write_conf() {
  local dir=$1 node=$2 cpus=$3 mem=$4 ctld_port=$5 slurmd_port=$6 part=$7
  local defmem=$((mem / cpus))
  cat >"$dir/slurm.conf" <<EOF
# Generated by tests/workflow/lib/slurm-local.sh: a throw-away single-node
# cluster; everything lives in $dir.

# --- Identity -----------------------------------------------------------------
ClusterName=ssbvoxtest
# The controller is this machine. The explicit address (127.0.0.1) spares us
# depending on how the host name resolves (containers often map it oddly).
SlurmctldHost=$node(127.0.0.1)
# Daemons run as root so that no 'slurm' user and no system directories are
# needed; this is a test cluster, not a shared one.
SlurmUser=root
SlurmdUser=root
# Own ports (picked free at start) so that we never collide with a system
# SLURM on the default 6817/6818.
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port

# --- Authentication -----------------------------------------------------------
# munge is the only authentication Debian's SLURM supports between daemons and
# clients. Our own munged listens on a socket in the work dir, so the system
# munged (if any) and /etc/munge/munge.key are left alone.
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge-run/munge.socket

# --- Files: all inside the work dir -------------------------------------------
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# Default /bin/mail may be missing; nothing is ever mailed here anyway.
MailProg=/bin/true

# --- No accounting ------------------------------------------------------------
# No slurmdbd/MySQL: jobs are not recorded in a database, so 'sacct' has
# nothing to show. Clients must ask squeue/scontrol for job states instead.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# Finished jobs stay in slurmctld's memory (and so in 'squeue -t all' and
# 'scontrol show job') for an hour rather than the default 5 minutes: without
# accounting this is the only way to learn how a job ended.
MinJobAge=3600

# --- Process tracking without cgroups -----------------------------------------
# This may run in a container or VM where cgroups are absent, read-only or
# v1/v2 mixed: track job processes by parent pid (linuxproc) and do no CPU
# binding or resource confinement (task/none).
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# MPI programs started by srun (or singletons inside a job step) find their
# peers through PMIx, as on clusters with OpenMPI: Debian's OpenMPI expects it.
MpiDefault=pmix

# --- Scheduling ---------------------------------------------------------------
# Hand out single cores and memory as consumable resources, so several
# one-core jobs share the node like on a real cluster, and a job's --mem
# request is checked against RealMemory.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Jobs that ask for no memory get an equal share per CPU instead of the whole
# node (the default), which would serialise all of them.
DefMemPerCPU=$defmem
# A node that was down (for example after a restart of the daemons) comes
# back on its own when slurmd registers with a valid configuration.
ReturnToService=2
# Trust the node line below over what slurmd detects: CPUs=nproc may differ
# from the socket/core/thread layout of the hardware (affinity masks,
# hyperthreads), which would otherwise drain the node.
SlurmdParameters=config_overrides

# --- The node and its partition -----------------------------------------------
# CPUs = nproc; RealMemory a little below the machine's memory, since slurmd
# drains a node that reports less memory than configured.
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=$part Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

# Client wrappers in WORKDIR/bin, put first on PATH. Each sets SLURM_CONF to
# our file when it is unset, then runs the real command. Why: a process that
# drops SLURM_* variables from its environment would otherwise look for
# /etc/slurm/slurm.conf (then DNS SRV records) and fail with "Could not
# establish a configuration source". Snakemake's slurm-jobstep executor does
# exactly that before its nested 'srun' (it keeps only SLURM_JOB_ID and a few
# others), while PATH survives (sbatch --export=ALL). The alternative, a
# symlink /etc/slurm/slurm.conf, would change the machine.
_SLURM_LOCAL_CLIENTS=(sbatch srun salloc squeue sinfo scancel scontrol sacct sacctmgr
                      sstat sattach sbcast sshare sprio sdiag strigger sreport)
_slurm_local_wrappers() {
  local dir=$1 c real
  mkdir -p "$dir/bin"
  for c in "${_SLURM_LOCAL_CLIENTS[@]}"; do
    real=$(PATH=${PATH//"$dir/bin:"/} command -v "$c" 2>/dev/null) || continue
    cat >"$dir/bin/$c" <<EOF
#!/bin/sh
# Generated by slurm-local.sh: use the local test cluster unless told otherwise.
: "\${SLURM_CONF:=$dir/slurm.conf}"
export SLURM_CONF
exec $real "\$@"
EOF
    chmod 0755 "$dir/bin/$c"
  done
  case ":$PATH:" in
    *":$dir/bin:"*) ;;
    *) PATH=$dir/bin:$PATH ;;
  esac
  export PATH
}

# slurm_local_start WORKDIR: install if needed, start munged, slurmctld and
# slurmd with a generated configuration in WORKDIR, export SLURM_CONF and wait
# until the node is idle. Returns non-zero (after printing the daemon logs) on
# failure; call slurm_local_stop in any case to clean up.
slurm_local_start() {
  local dir=${1:?slurm_local_start WORKDIR}
  local timeout=${SLURM_LOCAL_TIMEOUT:-60}
  # A second start without a stop in between: end the first cluster.
  slurm_local_stop
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  SLURM_LOCAL_DIR=$dir
  SLURM_LOCAL_NODE=$(hostname -s)
  SLURM_LOCAL_PARTITION=${SLURM_LOCAL_PARTITION:-debug}
  export SLURM_LOCAL_DIR SLURM_LOCAL_PARTITION

  _slurm_local_install || return 1
  local munged slurmctld slurmd mungekey
  munged=$(_slurm_local_which munged)
  mungekey=$(_slurm_local_which mungekey)
  slurmctld=$(_slurm_local_which slurmctld)
  slurmd=$(_slurm_local_which slurmd)

  # munged is strict about permissions: the key and its directory private to
  # the daemon's user, the socket directory (and every directory above it)
  # searchable by everybody so that any user's client can reach it.
  # WORKDIR itself must therefore be 0755 even if mktemp made it 0700.
  _slurm_local_root chmod 0755 "$dir"
  _slurm_local_root rm -rf "$dir/munge" "$dir/munge-run" "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
  _slurm_local_root mkdir -p "$dir/munge" "$dir/munge-run" "$dir/state" "$dir/spool" "$dir/run" "$dir/log"
  _slurm_local_root chmod 0700 "$dir/munge" "$dir/state" "$dir/spool"
  _slurm_local_root chmod 0755 "$dir/munge-run" "$dir/run" "$dir/log"

  # A fresh key for every start: no secret shared with anything else.
  if ! _slurm_local_root "$mungekey" --create --bits=1024 --keyfile="$dir/munge/munge.key" \
        >"$dir/log/mungekey.stderr" 2>&1; then
    # mungekey appeared in munge 0.5.14; older ones only have the dd way.
    _slurm_local_root dd if=/dev/urandom of="$dir/munge/munge.key" bs=1 count=1024 status=none
  fi
  _slurm_local_root chmod 0400 "$dir/munge/munge.key"

  # --force: tolerate an insecure directory further up (for example a
  # group-writable build tree); the files we create are private anyway.
  if ! _slurm_local_root "$munged" --force \
        --key-file="$dir/munge/munge.key" \
        --socket="$dir/munge-run/munge.socket" \
        --pid-file="$dir/run/munged.pid" \
        --seed-file="$dir/munge/munged.seed" \
        --log-file="$dir/log/munged.log" >"$dir/log/munged.stderr" 2>&1; then
    _slurm_local_log "munged failed to start"
    _slurm_local_dump_logs
    return 1
  fi
  if ! munge -n -S "$dir/munge-run/munge.socket" | unmunge -S "$dir/munge-run/munge.socket" >/dev/null 2>&1; then
    _slurm_local_log "munged does not answer on $dir/munge-run/munge.socket"
    _slurm_local_dump_logs
    return 1
  fi

  local cpus mem_total_mb mem ctld_port slurmd_port
  cpus=$(nproc)
  mem_total_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  # 95% of MemTotal, at most 1 GiB less: slurmd's own count can differ a bit
  # from /proc/meminfo, and a node with less memory than configured drains.
  mem=$((mem_total_mb * 95 / 100))
  [ $((mem_total_mb - mem)) -gt 1024 ] && mem=$((mem_total_mb - 1024))
  ctld_port=${SLURM_LOCAL_CTLD_PORT:-$(_slurm_local_free_port 16817)} || return 1
  slurmd_port=${SLURM_LOCAL_SLURMD_PORT:-$(_slurm_local_free_port $((ctld_port + 1)) "$ctld_port")} || return 1

  _slurm_local_write_conf "$dir" "$SLURM_LOCAL_NODE" "$cpus" "$mem" \
    "$ctld_port" "$slurmd_port" "$SLURM_LOCAL_PARTITION"
  SLURM_CONF=$dir/slurm.conf
  export SLURM_CONF
  _slurm_local_wrappers "$dir"

  # Both daemons fork into the background and write their pid files; -f names
  # the configuration explicitly because sudo drops SLURM_CONF. slurmctld -c:
  # start from a clean state (there is none anyway in a fresh WORKDIR).
  if ! _slurm_local_root env SLURM_CONF="$SLURM_CONF" "$slurmctld" -c -f "$SLURM_CONF" \
        >"$dir/log/slurmctld.stderr" 2>&1; then
    _slurm_local_log "slurmctld failed to start"
    _slurm_local_dump_logs
    return 1
  fi
  if ! _slurm_local_root env SLURM_CONF="$SLURM_CONF" "$slurmd" -f "$SLURM_CONF" \
        >"$dir/log/slurmd.stderr" 2>&1; then
    _slurm_local_log "slurmd failed to start"
    _slurm_local_dump_logs
    return 1
  fi

  # Wait for the node to register and be idle. sinfo fails while slurmctld is
  # still coming up, hence '|| true'; a client that cannot reach slurmctld
  # retries for many seconds, hence 'timeout'. A daemon that died (bad
  # configuration, port taken) ends the wait at once.
  local state="" t0=$SECONDS why=""
  while :; do
    state=$(timeout 5 sinfo -h -n "$SLURM_LOCAL_NODE" -o '%T' 2>/dev/null || true)
    [ "$state" = idle ] && break
    if ! _slurm_local_pid_is "$(_slurm_local_readpid "$dir/run/slurmctld.pid")" slurmctld; then
      why="slurmctld exited"; break
    fi
    if ! _slurm_local_pid_is "$(_slurm_local_readpid "$dir/run/slurmd.pid")" slurmd; then
      why="slurmd exited"; break
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      why="not idle after ${timeout}s"; break
    fi
    sleep 1
  done
  local waited=$((SECONDS - t0))
  if [ "$state" != idle ]; then
    _slurm_local_log "node $SLURM_LOCAL_NODE: $why (state: '${state:-no answer}')"
    timeout 5 sinfo -N -l >&2 2>/dev/null || true
    timeout 5 scontrol show node "$SLURM_LOCAL_NODE" >&2 2>/dev/null || true
    _slurm_local_dump_logs
    return 1
  fi
  _slurm_local_log "cluster up in ${waited}s: node $SLURM_LOCAL_NODE ($cpus CPUs, ${mem} MB), partition $SLURM_LOCAL_PARTITION, SLURM_CONF=$SLURM_CONF"
}

# Signal pid (if it is still NAME), wait up to 15 s, then SIGKILL it.
_slurm_local_kill() {
  local pid=$1 name=$2 i
  _slurm_local_pid_is "$pid" "$name" || return 0
  _slurm_local_root kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    _slurm_local_pid_is "$pid" "$name" || return 0
    sleep 0.1
  done
  _slurm_local_log "$name ($pid) ignored SIGTERM; killing it"
  _slurm_local_root kill -KILL "$pid" 2>/dev/null || true
}

# "pid ppid comm" for every process, from /proc directly (ps may be missing in
# a slim container). Shell builtins only in the loop: this runs over hundreds
# of processes.
_slurm_local_ps() {
  local d stat comm rest
  for d in /proc/[0-9]*; do
    { read -r stat <"$d/stat"; } 2>/dev/null || continue
    # stat is "pid (comm) state ppid ..."; comm may hold spaces and ')'.
    comm=${stat#*(}; comm=${comm%)*}
    rest=${stat##*) }
    rest=${rest#* }
    echo "${d#/proc/} ${rest%% *} ${comm// /_}"
  done
}

# Pids of slurmstepd processes of our cluster: each one listens on a unix
# socket in our SlurmdSpoolDir, so find those sockets' inodes in
# /proc/net/unix and the slurmstepd processes holding them.
_slurm_local_stepd_pids() {
  local spool=$SLURM_LOCAL_DIR/spool inodes pid ppid comm fd link
  [ -r /proc/net/unix ] || return 0
  inodes=" $(awk -v s="$spool/" 'index($8, s) == 1 { printf "%s ", $7 }' /proc/net/unix 2>/dev/null) "
  [ -n "${inodes// /}" ] || return 0
  while read -r pid ppid comm; do
    [ "$comm" = slurmstepd ] || continue
    for fd in /proc/"$pid"/fd/*; do
      link=$(readlink "$fd" 2>/dev/null) || continue
      case $link in
        socket:\[*\])
          link=${link#socket:[}; link=${link%]}
          case $inodes in *" $link "*) echo "$pid"; break ;; esac ;;
      esac
    done
  done < <(_slurm_local_ps)
}

# All descendants of the pids given as arguments.
_slurm_local_descendants() {
  local table want=" $* " all="" found=1 pid ppid comm
  table=$(_slurm_local_ps)
  while [ "$found" -eq 1 ]; do
    found=0
    while read -r pid ppid comm; do
      case $want in *" $pid "*) continue ;; esac
      case $want in *" $ppid "*) want="$want$pid "; all="$all $pid"; found=1 ;; esac
    done <<<"$table"
  done
  echo "$all"
}

# slurm_local_stop: cancel our jobs, stop slurmd, slurmctld and munged (by the
# pids they recorded in WORKDIR). Safe to call twice, before a (failed) start,
# and from an EXIT trap; always returns 0.
slurm_local_stop() {
  local dir=${SLURM_LOCAL_DIR:-} i
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  local conf=$dir/slurm.conf
  # Jobs first, so that their slurmstepd and job processes end normally.
  if [ -e "$conf" ] && _slurm_local_pid_is "$(_slurm_local_readpid "$dir/run/slurmctld.pid")" slurmctld; then
    # scancel needs a filter; every job of ours is in our one partition.
    # The timeouts: a client that cannot reach slurmctld retries for ~20 s.
    SLURM_CONF=$conf timeout 10 scancel --partition="${SLURM_LOCAL_PARTITION:-debug}" >/dev/null 2>&1 || true
    i=0
    while [ "$i" -lt 50 ] &&
      [ -n "$(SLURM_CONF=$conf timeout 5 squeue -h -t PENDING,RUNNING,SUSPENDED,COMPLETING -o %i 2>/dev/null || echo x)" ]; do
      sleep 0.2
      i=$((i + 1))
    done
  fi
  _slurm_local_kill "$(_slurm_local_readpid "$dir/run/slurmd.pid")" slurmd
  _slurm_local_kill "$(_slurm_local_readpid "$dir/run/slurmctld.pid")" slurmctld
  # Any slurmstepd left behind (a job that survived the cancel, or a slurmctld
  # that was already dead): kill its job processes, then itself; slurmstepd
  # ignores SIGTERM, so both get SIGKILL.
  local stepds
  stepds=$(_slurm_local_stepd_pids)
  if [ -n "$stepds" ]; then
    _slurm_local_log "killing leftover slurmstepd ${stepds//$'\n'/ } and their processes"
    # shellcheck disable=SC2046,SC2086 # word splitting of pid lists wanted
    _slurm_local_root kill -KILL $(_slurm_local_descendants $stepds) $stepds 2>/dev/null || true
  fi
  _slurm_local_kill "$(_slurm_local_readpid "$dir/run/munged.pid")" munged
  # Through sudo the daemons left root-owned files: hand them back so that the
  # caller can delete WORKDIR.
  if [ "$(id -u)" -ne 0 ]; then
    _slurm_local_root chown -R "$(id -u):$(id -g)" "$dir" 2>/dev/null || true
  fi
  # Undo what start did to the caller's environment.
  PATH=${PATH//"$dir/bin:"/}
  [ "${SLURM_CONF:-}" = "$conf" ] && unset SLURM_CONF
  return 0
}
