#!/usr/bin/env bash
# Builds the native closedloop: the same program compiled ahead of time (.NET Native AOT), so nothing is compiled
# while it runs (docs/native.md). Same commands, same output files byte for byte; starts in about 0.02 s instead of
# 0.2 s and trains from the first epoch at full speed.
#
#   tools/native/publish.sh [OUT] [--isa auto|x86-64-v3|x86-64-v4]     default OUT: artifacts/native
#
# OUT/closedloop is the program (with libSkiaSharp.so and libHarfBuzzSharp.so beside it, for the figures); run it
# from there or put OUT on PATH. Linux x64 only. --isa is the instruction set the program is compiled for and needs:
# x86-64-v4 (AVX-512) or x86-64-v3 (AVX2 and FMA: any x64 processor since about 2015); auto (the default) takes the
# best this machine has. A program built for x86-64-v4 refuses to start on a processor without AVX-512: for a
# cluster whose nodes differ, build with --isa x86-64-v3. Results do not depend on the choice (docs/performance-kernels.md: every
# product path gives the same bits); speed does. A processor without FMA cannot run the native build (use the
# ordinary one).
#
# Needs the .NET 10 SDK, clang and zlib1g-dev; installs the two Debian packages with apt-get when missing (as root or
# with sudo). Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=artifacts/native
isa=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --isa) isa=${2:?--isa needs a value: auto, x86-64-v3 or x86-64-v4}; shift 2 ;;
    --isa=*) isa=${1#--isa=}; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: option $1 is not known (allowed: --isa)" >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done
say() { echo "native: $*" >&2; }

[ "$(uname -m)" = x86_64 ] || { echo "error: the native build is made for Linux x64 only; this machine is $(uname -m)" >&2; exit 2; }
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
has() { for f in "$@"; do [[ " $flags " == *" $f "* ]] || return 1; done; }
case "$isa" in
  auto)
    if has avx512f avx512bw avx512cd avx512dq avx512vl avx2 fma bmi1 bmi2; then isa=x86-64-v4
    elif has avx2 fma bmi1 bmi2 movbe; then isa=x86-64-v3
    else echo "error: this processor lacks AVX2 or FMA, which the native build needs; use the ordinary build (README)" >&2; exit 2; fi ;;
  x86-64-v3|x86-64-v4) ;;
  *) echo "error: --isa = $isa is not allowed: it must be auto, x86-64-v3 or x86-64-v4" >&2; exit 2 ;;
esac

missing=()
command -v clang >/dev/null || missing+=(clang)
dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  say "installing ${missing[*]}"
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

# Publish into a fresh directory beside OUT, then swap it in: OUT never holds half a build.
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
say "compiling for $isa into $out"
dotnet publish src/ClosedLoop.Cli -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet="$isa" \
  --artifacts-path "$PWD/artifacts/native-build" -o "$tmp" -v quiet -nologo -clp:ErrorsOnly
rm -f "$tmp"/*.dbg "$tmp"/*.pdb "$tmp"/*.xml
echo "$isa" > "$tmp/INSTRUCTION_SET"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
say "done: $out/closedloop ($("$out/closedloop" --version))"
