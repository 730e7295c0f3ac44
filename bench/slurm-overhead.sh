#!/usr/bin/env bash
# Measures what the Slurm backend adds per run on the single-node cluster of tools/slurm/start.sh (started here if
# it is not up; left running):
#   1. submit-to-start latency: an array of trivial tasks (each prints its start time), from just before sbatch;
#      and the gap between one task's end and the next task's start on the same slot (--array=…%1);
#   2. program start-up: `closedloop sweep run DIR --task I` of a finished run (start, read the plan, find the run
#      done, exit), and of a tiny run it trains (start-up and compiling the training code): the fixed cost of every
#      task on top of its training;
#   3. a whole tiny sweep (8 runs, closed and open) submitted with --backend slurm, from submission to the collect
#      job's end, against the same sweep on the local backend.
# Usage: bench/slurm-overhead.sh [REPEATS]   (needs a built CLI: dotnet build src/ClosedLoop.Cli -c Release)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
eval "$(tools/slurm/start.sh | tail -n 1)"
cl=(dotnet "$PWD/src/ClosedLoop.Cli/bin/Release/net10.0/linux-x64/closedloop.dll")
py=/usr/bin/python3
work=$(mktemp -d /tmp/closedloop-slurm-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
wait_jobs() { while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do sleep 0.05; done; }

echo "== 1. submit-to-start latency (trivial tasks)"
printf '#!/bin/sh\ndate +%%s.%%N > %s/start_${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\n' "$work" > "$work/t.sh"
for r in $(seq 1 "$repeats"); do
  t0=$(now); id=$(sbatch --parsable --array=0-3%1 --output=/dev/null "$work/t.sh"); wait_jobs "$id"
  $py - "$t0" "$work" "$id" <<'PY'
import sys, glob
t0, work, job = float(sys.argv[1]), sys.argv[2], sys.argv[3]
starts = sorted(float(open(f).read()) for f in glob.glob(f"{work}/start_{job}_*"))
gaps = [b - a for a, b in zip(starts, starts[1:])]
print(f"first task started {starts[0] - t0:.2f} s after sbatch; next tasks on the same slot every {sum(gaps) / len(gaps):.2f} s")
PY
done

echo "== 2. program start-up of a task (sweep run of a finished run)"
cat > "$work/spec.json" <<'JSON'
{"preset": "tanh", "epochs": 25, "set": {"network.hidden": 6, "episode.batch": 5, "evaluation.count": 3, "episode.steps": 12},
 "grid": {"objective.beta": [0, 0.1]}, "seeds": [0, 1], "modes": ["closed", "open"]}
JSON
"${cl[@]}" sweep "$work/spec.json" --out "$work/local" > /dev/null
for r in $(seq 1 "$repeats"); do /usr/bin/time -f "reuse: %e s wall, %U s user, %M KB" "${cl[@]}" sweep run "$work/local" --task 0 > /dev/null; done 2>&1
echo "   the same task training its tiny run (25 epochs, N = 6; in-process the training takes a few ms): start-up + JIT"
run0=$("${cl[@]}" sweep "$work/spec.json" --out "$work/local" --dry-run | awk '$1 == "0" { print $NF }')
for r in $(seq 1 "$repeats"); do
  rm -rf "$work/local/$run0"
  /usr/bin/time -f "train: %e s wall, %U s user, %M KB" "${cl[@]}" sweep run "$work/local" --task 0 --threads 1 > /dev/null
done 2>&1

echo "== 3. a tiny sweep of 8 runs: local backend, then Slurm (submit to the end of the collect job)"
for r in $(seq 1 "$repeats"); do
  rm -rf "$work/l" "$work/s"
  t0=$(now); "${cl[@]}" sweep "$work/spec.json" --out "$work/l" > /dev/null; t1=$(now)
  "${cl[@]}" sweep "$work/spec.json" --out "$work/s" --backend slurm > /dev/null
  ids=$($py -c "import json,sys; print(','.join(str(j['id']) for s in json.load(open(sys.argv[1])) for j in s['jobs']))" "$work/s/slurm/submissions.json")
  wait_jobs "$ids"; t2=$(now)
  $py -c "import sys; a,b,c=map(float,sys.argv[1:]); print(f'local {b-a:.1f} s, slurm {c-b:.1f} s')" "$t0" "$t1" "$t2"
done
