#!/usr/bin/env bash
# Stops the cluster started by tools/slurm/start.sh [SCRATCH]: slurmctld and slurmd, and munged if start.sh started
# it. Waits until the daemons are gone. Safe to run when nothing is running.
set -uo pipefail
scratch=${1:-${CLOSEDLOOP_SLURM_DIR:-/tmp/closedloop-slurm}}
conf="$scratch/slurm.conf"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
alive() { [ -r "/proc/$1/stat" ] && ! awk '{ sub(/.*\) /, ""); exit !($1 == "Z" || $1 == "X") }' "/proc/$1/stat"; }
pid_alive() { [ -s "$1" ] && alive "$(cat "$1" 2>/dev/null)"; }

[ -f "$conf" ] && SLURM_CONF="$conf" scontrol shutdown >/dev/null 2>&1
for f in slurmctld.pid slurmd.pid; do
  for _ in $(seq 1 100); do pid_alive "$scratch/$f" || break; sleep 0.1; done
  if pid_alive "$scratch/$f"; then $sudo kill "$(cat "$scratch/$f" 2>/dev/null)" 2>/dev/null; sleep 0.5; fi
done
if [ -f "$scratch/munged.started" ]; then
  pid=$(cat /run/munge/munged.pid 2>/dev/null || true)
  [ -n "$pid" ] && alive "$pid" && $sudo kill "$pid"
  rm -f "$scratch/munged.started"
fi
echo "slurm: stopped ($scratch)" >&2
