#!/usr/bin/env python3
"""Parity check of ClosedLoop runs against an independent PyTorch (float64, autograd) implementation.

    /usr/bin/python3 tools/parity/parity.py RUN_DIR [RUN_DIR ...]

Each run must have been trained with `closedloop train --record-draws`. The script rebuilds the model from its
equations (model.py, episode.py), starts from the run's epoch-0 weights, replays the recorded draws of every epoch,
trains with PyTorch's optimiser (training.py) and compares, per epoch, the loss and its terms and the gradient norms,
and then every parameter snapshot and the final weights. Exit code: 0 every check passed, 1 a check failed, 2 a run
could not be checked. See tools/parity/README.md.
"""
import argparse
import math
import sys

import torch

from rundir import RunDir, RunError
from training import train

LOSS_TOLERANCE = 1e-10     # relative, per epoch
WEIGHT_TOLERANCE = 1e-8    # max |difference| / max |weight|, per block


class Check:
    def __init__(self, name, error, where, tolerance, passed=None):
        self.name, self.error, self.where, self.tolerance = name, error, where, tolerance
        self.passed = (error <= tolerance) if passed is None else passed

    def line(self):
        verdict = "PASS" if self.passed else "FAIL"
        if self.tolerance is None:
            return f"  {verdict}  {self.name:<34} {self.where}"
        return f"  {verdict}  {self.name:<34} {self.error:9.2e}  {self.where:<22} tolerance {self.tolerance:.0e}"


def relative(engine, ref):
    if engine is None or ref is None:
        return math.inf
    if not (math.isfinite(engine) and math.isfinite(ref)):
        same = (math.isnan(engine) and math.isnan(ref)) or engine == ref
        return 0.0 if same else math.inf
    if ref == 0:
        return 0.0 if engine == 0 else math.inf
    return abs(engine - ref) / abs(ref)


def weight_error(engine, ref):
    """max |difference| / max |reference| over one block (0 for two zero blocks)."""
    scale = float(abs(ref).max()) if ref.size else 0.0
    diff = float(abs(engine - ref).max()) if ref.size else 0.0
    return diff / scale if scale > 0 else (0.0 if diff == 0 else math.inf)


def per_epoch_checks(metrics, rows, columns):
    checks = []
    for column, attr, tol in columns:
        worst, at = 0.0, 0
        for e, (m, r) in enumerate(zip(metrics, rows)):
            err = relative(m[column], getattr(r, attr))
            if err > worst or math.isnan(err):
                worst, at = err, e
        where = f"(worst at epoch {at})" if worst > 0 else "(equal at every epoch)"
        checks.append(Check(f"{column} per epoch", worst, where, tol))
    bad = [e for e, (m, r) in enumerate(zip(metrics, rows)) if m["status"] != r.status]
    where = "statuses agree" if not bad else f"epoch {bad[0]}: engine {metrics[bad[0]]['status']}, torch {rows[bad[0]].status}"
    checks.append(Check("update status per epoch", 0.0, where, None, passed=not bad))
    return checks


def block_checks(name, engine, ref):
    checks = []
    for block, value in ref.items():
        theirs = engine.get(block)
        if value.size == 0 or (theirs is None and not value.any()):
            continue  # an empty block, or a frozen zero block (the engine leaves those out of its files)
        if theirs is None:
            theirs = value * 0
        if theirs.shape != value.shape:
            checks.append(Check(f"{name} {block}", math.inf, f"shape {theirs.shape} vs {value.shape}", WEIGHT_TOLERANCE))
            continue
        checks.append(Check(f"{name} {block}", weight_error(theirs, value), "", WEIGHT_TOLERANCE))
    return checks


def check_run(path):
    run = RunDir(path)
    s = run.settings
    metrics = run.metrics()
    draws = run.draws()
    if len(draws) != len(metrics):
        raise RunError(f"{path}: draws.npz has {len(draws)} epochs, metrics.csv {len(metrics)}")
    snapshots = [e for e in run.snapshot_epochs() if e < len(metrics)]
    updates_at = {e: int(metrics[e]["updates_done"]) for e in snapshots}
    teacher = run.teacher() if s["mode"] == "open" else None
    rows, final, kept = train(s, run.parameters("params_00000.npz"), draws, teacher, set(updates_at.values()))

    columns = [("loss", "loss", LOSS_TOLERANCE), ("state_cost", "state", LOSS_TOLERANCE),
               ("control_cost", "control", LOSS_TOLERANCE)]
    if s["mode"] == "open":
        columns.append(("imitation_cost", "imitation", LOSS_TOLERANCE))
    columns += [("grad_norm", "grad_norm", LOSS_TOLERANCE), ("grad_norm_clipped", "grad_norm_clipped", LOSS_TOLERANCE)]
    checks = per_epoch_checks(metrics, rows, columns)
    worst = Check("snapshots (every block)", 0.0, "no snapshot", WEIGHT_TOLERANCE)
    for e in snapshots:
        for c in block_checks(f"snapshot {e}", run.parameters(f"params_{e:05d}.npz"), kept[updates_at[e]]):
            if c.error > worst.error or not c.passed:
                worst = Check("snapshots (every block)", c.error, f"({c.name})", WEIGHT_TOLERANCE)
    if snapshots and worst.where == "no snapshot":
        worst.where = f"({len(snapshots)} files)"
    checks.append(worst)
    checks += block_checks("final", run.parameters("params_final.npz"), final)
    n_updates = sum(r.status == "updated" for r in rows)
    return s, n_updates, checks


def describe(s, updates):
    net = s["network"]
    rec = f"rank-{net['rank']}" if net["recurrence"] == "low_rank" else "dense"
    variant = f", {s['open_loop']['variant']}" if s["mode"] == "open" else ""
    return (f"{s['preset']}, {s['mode']} loop{variant}: {net['activation']} {rec} N={net['hidden']}, "
            f"{s['plant']['kind']}, T={s['episode']['steps']}, batch {s['episode']['batch']}, "
            f"{s['optimizer']['kind']}, {s['epochs']} epochs, {updates} updates")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", help="run directories trained with closedloop train --record-draws")
    parser.add_argument("--threads", type=int, default=1, help="PyTorch threads (default 1)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    failed = unusable = 0
    for path in args.runs:
        try:
            s, updates, checks = check_run(path)
        except (RunError, OSError, KeyError, ValueError) as e:
            print(f"parity {path}: cannot check: {e}")
            unusable += 1
            continue
        ok = all(c.passed for c in checks)
        failed += not ok
        print(f"parity {path} ({describe(s, updates)}; PyTorch {torch.__version__}, float64)")
        for c in checks:
            print(c.line())
        print(f"  {'PASS' if ok else 'FAIL'}: {sum(c.passed for c in checks)} of {len(checks)} checks passed")
    return 2 if unusable else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
