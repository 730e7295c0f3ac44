#!/usr/bin/env bash
# Installs the system packages the test suite needs and that a fresh machine lacks (Debian 12), when missing:
#   python3-numpy, python3-pandas  numpy/pandas interop tests (results load with numpy.load and pandas.read_csv)
#   python3-torch                  the autograd parity check (tools/parity)
#   slurmctld slurmd slurm-client munge   the throw-away single-node Slurm cluster of the sweep tests (tools/slurm)
#   clang zlib1g-dev               the native build's tests (tools/native/publish.sh: .NET Native AOT links with them)
# Safe to run again: packages already present are not touched. Needs root (CI runs as root) or sudo.
set -euo pipefail
packages=(python3-numpy python3-pandas python3-torch slurmctld slurmd slurm-client munge clang zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq -o DPkg::Lock::Timeout=600
$sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
