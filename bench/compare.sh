#!/usr/bin/env bash
# Side-by-side speed: bench/torch_reference.py (PyTorch float32, one thread; bench/torch_gru.py for the gru
# workload) against `closedloop bench` in double and in single precision, from the ordinary build (`dotnet
# closedloop.dll`, compiled while it runs) and from the native build (tools/native/publish.sh, compiled ahead of
# time), on the same machine in the same sitting, alternating the programs, ROUNDS times per workload. Prints one
# line per measurement (wall time per epoch) and, at the end, the medians and their ratios to PyTorch.
#   usage: bench/compare.sh [ROUNDS] [WORKLOAD[:EPOCHS]...]   (needs /usr/bin/python3 with Debian's python3-torch)
# Set NATIVE=path/to/closedloop to use a native program already built (default: artifacts/native/closedloop, built
# when missing), NATIVE=none to leave the native build out.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
ref=bench/torch_reference.py
dotnet build src/ClosedLoop.Cli -c Release -v quiet -nologo > /dev/null
declare -A program=([jit]="dotnet src/ClosedLoop.Cli/bin/Release/net10.0/linux-x64/closedloop.dll")
native=${NATIVE:-artifacts/native/closedloop}
if [ "$native" != none ]; then
  [ -x "$native" ] || tools/native/publish.sh "$(dirname "$native")"
  program[native]=$native
fi
builds=$(for b in jit native; do [ -n "${program[$b]:-}" ] && echo "$b"; done)
field() { grep -o "\"$1\": *[0-9.]*" | grep -o '[0-9.]*$'; }
declare -A torch one two steady
# epochs: the reference at a size where its per-epoch time is steady; ours at the same size and at a longer,
# steady-state size (the ordinary build compiles its code during the first epochs).
specs="lowrank:300:3000 tanh:200:1001 tracking:30:1000 gru:20:1001"
# WORKLOAD:EPOCHS as an argument times that workload at EPOCHS (both programs) instead of the default
if [ $# -gt 0 ]; then specs=$(for a in "$@"; do w=${a%%:*}; for s in $specs; do if [ "${s%%:*}" = "$w" ]; then
  if [ "$a" != "$w" ]; then IFS=: read -r _ _ long <<< "$s"; echo "$w:${a#*:}:$long"; else echo "$s"; fi; fi; done; done); fi
precisions="double single"
for r in $(seq 1 "$rounds"); do
  for spec in $specs; do
    IFS=: read -r w e long <<< "$spec"
    if [ "$w" = gru ]; then t=$(/usr/bin/python3 bench/torch_gru.py "$e" --threads 1 | field ms_per_epoch)
    else t=$(/usr/bin/python3 "$ref" "$w" "$e" --threads 1 | field ms_per_epoch); fi
    torch[$w]+="$t "
    line="round $r $w: torch $t ms"
    for b in $builds; do
      for p in $precisions; do
        cl=${program[$b]}
        a=$($cl bench "$w" --epochs "$e" --threads 1 --precision "$p" | field ms_per_epoch)
        c=$($cl bench "$w" --epochs "$e" --threads 2 --precision "$p" | field ms_per_epoch)
        d=$($cl bench "$w" --epochs "$long" --threads 2 --precision "$p" | field ms_per_epoch)
        one[$w$b$p]+="$a "; two[$w$b$p]+="$c "; steady[$w$b$p]+="$d "
        line+=" | $b $p: $a, $c, $d at $long"
      done
    done
    echo "$line   [load $(cut -d' ' -f1-3 /proc/loadavg)]"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo
echo "ms per epoch (medians of $rounds rounds); ratio = PyTorch / ClosedLoop at the same epochs (1 and 2 threads) and"
echo "PyTorch / ClosedLoop's steady state (2 threads, long run)"
printf "%-9s %-7s %-7s %9s %10s %10s %11s %7s %7s %7s\n" workload build prec torch_ms one_thread two_thr steady_2thr ratio1 ratio2 ratio_st
for spec in $specs; do
  w=${spec%%:*}
  t=$(echo "${torch[$w]}" | median)
  for b in $builds; do
    for p in $precisions; do
      a=$(echo "${one[$w$b$p]}" | median); c=$(echo "${two[$w$b$p]}" | median); d=$(echo "${steady[$w$b$p]}" | median)
      printf "%-9s %-7s %-7s %9.2f %10.3f %10.3f %11.3f %7.1f %7.1f %7.1f\n" "$w" "$b" "$p" "$t" "$a" "$c" "$d" \
        "$(echo "$t / $a" | bc -l)" "$(echo "$t / $c" | bc -l)" "$(echo "$t / $d" | bc -l)"
    done
  done
done
