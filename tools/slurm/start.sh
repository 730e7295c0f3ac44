#!/usr/bin/env bash
# Starts a throw-away single-node Slurm cluster on this machine, for the sweep tests and for trying
# `closedloop sweep --backend slurm` without a real cluster. No systemd needed (works in a container).
#
#   tools/slurm/start.sh [SCRATCH]     default SCRATCH: $CLOSEDLOOP_SLURM_DIR or /tmp/closedloop-slurm
#
# Installs the Debian packages slurmctld, slurmd, slurm-client and munge with apt-get when missing, writes
# SCRATCH/slurm.conf (every state, spool, pid and log file under SCRATCH), starts munged (when no munge daemon
# answers yet), slurmctld and slurmd, and waits until the node is idle. The last line printed is
#   export SLURM_CONF=SCRATCH/slurm.conf
# which every Slurm client (sbatch, squeue, scancel, closedloop) needs in its environment. Running it again while
# the cluster is up does nothing. Stop with tools/slurm/stop.sh [SCRATCH]. Needs root (or password-less sudo):
# slurmd runs jobs as the submitting user. Uses ports 6817 and 6818 on 127.0.0.1.
set -euo pipefail
scratch=${1:-${CLOSEDLOOP_SLURM_DIR:-/tmp/closedloop-slurm}}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
say() { echo "slurm: $*" >&2; }

# 1. Packages.
missing=()
for p in slurmctld slurmd slurm-client munge; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
conf="$scratch/slurm.conf"
export SLURM_CONF="$conf"

# A process is alive when /proc/PID/stat exists and its state is not Z (zombie) or X: PID 1 of a container may not
# reap the daemons' exits, so kill -0 alone would see a zombie as running.
alive() { [ -r "/proc/$1/stat" ] && ! awk '{ sub(/.*\) /, ""); exit !($1 == "Z" || $1 == "X") }' "/proc/$1/stat"; }
pid_alive() { [ -s "$1" ] && alive "$(cat "$1")"; }

if pid_alive "$scratch/slurmctld.pid" && pid_alive "$scratch/slurmd.pid" && sinfo -h -o %T 2>/dev/null | grep -qx idle; then
  say "already running ($conf)"
  echo "export SLURM_CONF=$conf"
  exit 0
fi

# 2. slurm.conf: one node with this machine's cores and memory.
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
mem=$(( mem > 2048 ? mem - 1024 : mem / 2 ))   # leave a margin for the system
mkdir -p "$scratch/state" "$scratch/spool" "$scratch/log"
cat > "$conf" <<CONF
# Written by tools/slurm/start.sh: a single-node test cluster.
ClusterName=closedloop
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$scratch/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
DefMemPerCPU=$(( mem / cpus ))
ReturnToService=2
MailProg=/bin/true
KillWait=5
MinJobAge=300
# Start batch jobs as soon as a slot frees (the default delays them up to 3 s: a 3 s gap between an array's tasks).
SchedulerParameters=batch_sched_delay=0
StateSaveLocation=$scratch/state
SlurmdSpoolDir=$scratch/spool
SlurmctldPidFile=$scratch/slurmctld.pid
SlurmdPidFile=$scratch/slurmd.pid
SlurmctldLogFile=$scratch/log/slurmctld.log
SlurmdLogFile=$scratch/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

# 3. munge: reuse a running daemon, else start one as user munge (no systemd).
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  $sudo mkdir -p /run/munge /var/log/munge /var/lib/munge
  $sudo chown munge:munge /run/munge /var/log/munge /var/lib/munge
  $sudo chmod 0755 /run/munge
  [ -s /etc/munge/munge.key ] || $sudo runuser -u munge -- /usr/sbin/mungekey -c
  $sudo runuser -u munge -- /usr/sbin/munged
  touch "$scratch/munged.started"
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || { say "munged did not start"; exit 1; }
fi

# 4. The daemons (a cold start: no state from an earlier cluster is kept).
pid_alive "$scratch/slurmctld.pid" || $sudo env SLURM_CONF="$conf" /usr/sbin/slurmctld -c -f "$conf"
pid_alive "$scratch/slurmd.pid" || $sudo env SLURM_CONF="$conf" /usr/sbin/slurmd -f "$conf"

# 5. Wait for the node to be idle (resume it if it came up down or drained).
state=""
for i in $(seq 1 300); do
  state=$(sinfo -h -o %T 2>/dev/null | head -n 1 || true)
  case "$state" in
    idle) break ;;
    down*|drain*|fail*) [ $((i % 10)) -eq 0 ] && scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 0.1
done
if [ "$state" != "idle" ]; then
  say "the node did not become idle (state '$state'); see $scratch/log/"
  exit 1
fi
say "up: 1 node, $cpus CPUs, $mem MB ($conf)"
echo "export SLURM_CONF=$conf"
