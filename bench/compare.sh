#!/usr/bin/env bash
# Side-by-side speed: bench/torch_reference.py (PyTorch float32, one thread) against `closedloop bench`
# on the same machine in the same sitting, alternating the two, ROUNDS times per workload. Prints one line per
# measurement and, at the end, the medians and their ratios.
#   usage: bench/compare.sh [ROUNDS]        (needs /usr/bin/python3 with Debian's python3-torch)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
ref=bench/torch_reference.py
dotnet build src/ClosedLoop.Cli -c Release -v quiet -nologo > /dev/null
cl="dotnet src/ClosedLoop.Cli/bin/Release/net10.0/linux-x64/closedloop.dll"
field() { grep -o "\"$1\": *[0-9.]*" | grep -o '[0-9.]*$'; }
declare -A torch one two steady
# epochs: the reference at a size where its per-epoch time is steady; ours at the same size and at a longer,
# steady-state size (the engine compiles its code at the first epochs).
specs="lowrank:300:3000 tanh:200:1001 tracking:30:1000"
for r in $(seq 1 "$rounds"); do
  for spec in $specs; do
    IFS=: read -r w e long <<< "$spec"
    t=$(/usr/bin/python3 "$ref" "$w" "$e" --threads 1 | field ms_per_epoch)
    a=$($cl bench "$w" --epochs "$e" --threads 1 | field ms_per_epoch)
    b=$($cl bench "$w" --epochs "$e" --threads 2 | field ms_per_epoch)
    c=$($cl bench "$w" --epochs "$long" --threads 2 | field ms_per_epoch)
    echo "round $r $w: torch $t ms | closedloop 1 thread $a ms, 2 threads $b ms, 2 threads at $long epochs $c ms"
    torch[$w]+="$t "; one[$w]+="$a "; two[$w]+="$b "; steady[$w]+="$c "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo
printf "%-9s %10s %12s %12s %14s %8s %8s %8s\n" workload torch_ms one_thread two_threads steady_2thr ratio1 ratio2 ratio_st
for spec in $specs; do
  w=${spec%%:*}
  t=$(echo "${torch[$w]}" | median); a=$(echo "${one[$w]}" | median); b=$(echo "${two[$w]}" | median); c=$(echo "${steady[$w]}" | median)
  printf "%-9s %10.2f %12.3f %12.3f %14.3f %8.1f %8.1f %8.1f\n" "$w" "$t" "$a" "$b" "$c" \
    "$(echo "$t / $a" | bc -l)" "$(echo "$t / $b" | bc -l)" "$(echo "$t / $c" | bc -l)"
done
