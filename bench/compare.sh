#!/usr/bin/env bash
# Side-by-side speed: bench/torch_reference.py (PyTorch float32, one thread; bench/torch_gru.py for the gru
# workload) against `closedloop bench` in double and in single precision, on the same machine in the same sitting,
# alternating the programs, ROUNDS times per workload. Prints one line per measurement (wall and processor time per
# epoch) and, at the end, the medians and their ratios to PyTorch.
#   usage: bench/compare.sh [ROUNDS] [WORKLOAD...]   (needs /usr/bin/python3 with Debian's python3-torch)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
ref=bench/torch_reference.py
dotnet build src/ClosedLoop.Cli -c Release -v quiet -nologo > /dev/null
cl="dotnet src/ClosedLoop.Cli/bin/Release/net10.0/linux-x64/closedloop.dll"
field() { grep -o "\"$1\": *[0-9.]*" | grep -o '[0-9.]*$'; }
declare -A torch one two steady cpu
# epochs: the reference at a size where its per-epoch time is steady; ours at the same size and at a longer,
# steady-state size (the engine compiles its code during the first epochs).
specs="lowrank:300:3000 tanh:200:1001 tracking:30:1000 gru:20:1001"
if [ $# -gt 0 ]; then specs=$(for w in "$@"; do for s in $specs; do if [ "${s%%:*}" = "$w" ]; then echo "$s"; fi; done; done); fi
precisions="double single"
for r in $(seq 1 "$rounds"); do
  for spec in $specs; do
    IFS=: read -r w e long <<< "$spec"
    if [ "$w" = gru ]; then t=$(/usr/bin/python3 bench/torch_gru.py "$e" --threads 1 | field ms_per_epoch)
    else t=$(/usr/bin/python3 "$ref" "$w" "$e" --threads 1 | field ms_per_epoch); fi
    torch[$w]+="$t "
    line="round $r $w: torch $t ms"
    for p in $precisions; do
      a=$($cl bench "$w" --epochs "$e" --threads 1 --precision "$p")
      b=$($cl bench "$w" --epochs "$e" --threads 2 --precision "$p")
      c=$($cl bench "$w" --epochs "$long" --threads 2 --precision "$p")
      one[$w$p]+="$(echo "$a" | field ms_per_epoch) "; two[$w$p]+="$(echo "$b" | field ms_per_epoch) "
      steady[$w$p]+="$(echo "$c" | field ms_per_epoch) "; cpu[$w$p]+="$(echo "$b" | field cpu_ms_per_epoch) "
      line+=" | $p: 1 thread $(echo "$a" | field ms_per_epoch), 2 threads $(echo "$b" | field ms_per_epoch) (cpu $(echo "$b" | field cpu_ms_per_epoch)), 2 threads at $long epochs $(echo "$c" | field ms_per_epoch)"
    done
    echo "$line   [load $(cut -d' ' -f1-3 /proc/loadavg)]"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo
printf "%-9s %-7s %9s %10s %10s %9s %11s %7s %7s %7s\n" workload prec torch_ms one_thread two_thr cpu_2thr steady_2thr ratio1 ratio2 ratio_st
for spec in $specs; do
  w=${spec%%:*}
  t=$(echo "${torch[$w]}" | median)
  for p in $precisions; do
    a=$(echo "${one[$w$p]}" | median); b=$(echo "${two[$w$p]}" | median); c=$(echo "${steady[$w$p]}" | median); u=$(echo "${cpu[$w$p]}" | median)
    printf "%-9s %-7s %9.2f %10.3f %10.3f %9.3f %11.3f %7.1f %7.1f %7.1f\n" "$w" "$p" "$t" "$a" "$b" "$u" "$c" \
      "$(echo "$t / $a" | bc -l)" "$(echo "$t / $b" | bc -l)" "$(echo "$t / $c" | bc -l)"
  done
done
