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

sys.dont_write_bytecode = True  # checking a run never writes into the repository

import torch  # noqa: E402

from rundir import RunDir, RunError  # noqa: E402
from training import Learner, train  # noqa: E402

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


def per_epoch_checks(metrics, rows, columns, epochs=None, statuses=True):
    """Relative errors of `columns` per epoch; `rows[i]` describes epoch `epochs[i]` (default: epoch i)."""
    epochs = range(len(rows)) if epochs is None else epochs
    metrics = [metrics[e] for e in epochs]
    checks = []
    for column, attr, tol in columns:
        worst, at = 0.0, 0
        for e, m, r in zip(epochs, metrics, rows):
            err = relative(m[column], getattr(r, attr))
            if err > worst:
                worst, at = err, e
        where = f"(worst at epoch {at})" if worst > 0 else "(equal at every epoch)"
        checks.append(Check(f"{column} per epoch", worst, where, tol))
    if statuses:
        bad = [i for i, (m, r) in enumerate(zip(metrics, rows)) if m["status"] != r.status]
        where = "statuses agree" if not bad else f"epoch {epochs[bad[0]]}: engine {metrics[bad[0]]['status']}, torch {rows[bad[0]].status}"
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


def columns_of(s):
    columns = [("loss", "loss"), ("state_cost", "state"), ("control_cost", "control")]
    if s["mode"] == "open":
        columns.append(("imitation_cost", "imitation"))
    columns += [("grad_norm", "grad_norm"), ("grad_norm_clipped", "grad_norm_clipped")]
    return [(column, attr, LOSS_TOLERANCE) for column, attr in columns]


def load(path):
    run = RunDir(path)
    if run.settings.get("precision", "double") != "double":
        raise RunError(f"{path}: precision = {run.settings['precision']!r}: the parity check compares float64 runs with "
                       "float64 autograd (a single-precision run is checked against the engine's own float64 twin by "
                       "the tests and by closedloop reproduce precision)")
    metrics = run.metrics()
    draws = run.draws()
    if len(draws) != len(metrics):
        raise RunError(f"{path}: draws.npz has {len(draws)} epochs, metrics.csv {len(metrics)}")
    snapshots = [e for e in run.snapshot_epochs() if e < len(metrics)]
    teacher = run.teacher() if run.settings["mode"] == "open" else None
    return run, metrics, draws, snapshots, teacher


def check_run(path):
    """The whole trajectory: train from the epoch-0 weights and compare every epoch, snapshot and the final weights."""
    run, metrics, draws, snapshots, teacher = load(path)
    s = run.settings
    updates_at = {e: int(metrics[e]["updates_done"]) for e in snapshots}
    rows, final, kept = train(s, run.parameters("params_00000.npz"), draws, teacher, set(updates_at.values()))
    checks = per_epoch_checks(metrics, rows, columns_of(s))
    checks.append(snapshot_check(run, snapshots, updates_at, kept))
    checks += block_checks("final", run.parameters("params_final.npz"), final)
    n_updates = sum(r.status == "updated" for r in rows)
    return s, n_updates, checks, "the whole trajectory from the epoch-0 weights"


def check_from_checkpoints(path):
    """Every epoch whose starting weights have a snapshot, restarted from the engine's own checkpoint: errors of one
    epoch, without their amplification by the training map over earlier epochs (diagnosis of a failed trajectory)."""
    run, metrics, draws, snapshots, teacher = load(path)
    s = run.settings
    snapshot_of = {int(metrics[e]["updates_done"]): e for e in snapshots}
    skip_first = s["updates"] == "skip_first_epoch"
    epochs, rows = [], []
    for e, m in enumerate(metrics):
        # the weights epoch e used: after updates_done[e] updates, less its own update when the row follows it
        used = int(m["updates_done"]) - (1 if skip_first and m["status"] == "updated" else 0)
        if used in snapshot_of:
            weights = run.parameters(f"params_{snapshot_of[used]:05d}.npz")
            rows.append(Learner(s, weights, teacher).gradient(draws[e]))
            epochs.append(e)
    if not epochs:
        raise RunError(f"{path}: no epoch starts from a snapshot (train with --set snapshots=every_epoch)")
    checks = per_epoch_checks(metrics, rows, columns_of(s), epochs, statuses=False)
    n_updates = sum(m["status"] == "updated" for m in metrics)
    return s, n_updates, checks, f"{len(epochs)} of {len(metrics)} epochs restarted from the engine's checkpoints"


def snapshot_check(run, snapshots, updates_at, kept):
    """The worst block of every intermediate snapshot (checkpoint e = the weights after updates_done[e] updates)."""
    worst, where = 0.0, f"({len(snapshots)} files)"
    for e in snapshots:
        for c in block_checks(f"snapshot {e}", run.parameters(f"params_{e:05d}.npz"), kept[updates_at[e]]):
            if c.error > worst:
                worst, where = c.error, f"({c.name})"
    return Check("snapshots (every block)", worst, where, WEIGHT_TOLERANCE)


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
    parser.add_argument("--from-checkpoints", action="store_true",
                        help="diagnosis: restart every epoch from the engine's own snapshot instead of training the whole "
                             "trajectory (needs the snapshot of each epoch: train with --set snapshots=every_epoch)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    failed = unusable = 0
    for path in args.runs:
        try:
            s, updates, checks, mode = (check_from_checkpoints if args.from_checkpoints else check_run)(path)
        except (RunError, OSError, KeyError, ValueError) as e:
            print(f"parity {path}: cannot check: {e}")
            unusable += 1
            continue
        ok = all(c.passed for c in checks)
        failed += not ok
        print(f"parity {path} ({describe(s, updates)}; PyTorch {torch.__version__}, float64; {mode})")
        for c in checks:
            print(c.line())
        print(f"  {'PASS' if ok else 'FAIL'}: {sum(c.passed for c in checks)} of {len(checks)} checks passed")
    return 2 if unusable else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
