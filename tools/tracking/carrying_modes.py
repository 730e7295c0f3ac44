#!/usr/bin/env python3
"""Independent check of the tracking-mode analysis of `closedloop reproduce fig6` (docs/findings/tracking-modes.md).

For every row of <out>/fig6/acquisition_modes.csv, rebuilds the joint matrix P of the seed's closed-loop snapshot
from <out>/runs/, computes the closed-loop frequency response H(e^{iw dt}) = z Q (zI - P)^-1 G and its modal
decomposition from the eigenvectors of P (numpy), and compares with the engine's values (which use residues from
the response itself, no eigenvectors). Dense linear tracking networks on the point mass only.

usage: python3 tools/tracking/carrying_modes.py OUT
Prints one line per row and the largest deviations; exit 1 when a carrying mode differs by more than 1e-6 (relative)
or when no row has a snapshot to check (nothing acquired, as at the smoke size).
"""
import csv
import json
import os
import sys

import numpy as np


def joint(params, gamma, dt):
    a = np.array([[1, dt, 0, 0], [0, 1, 0, 0], [0, 0, 1, dt], [0, 0, 0, 1.0]])
    b = np.array([[0, 0], [dt, 0], [0, 0], [0, dt]])
    c = np.array([[1, 0, 0, 0], [0, 0, 1, 0.0]])
    m = params["input_weights"].T          # column form N x 4: (x, y, r_x, r_y)
    w = params["recurrent_weights"].T
    z = params["readout_weights"].T
    n = w.shape[0]
    p = np.zeros((4 + n, 4 + n))
    p[:4, :4] = a
    p[:4, 4:] = b @ z
    p[4:, :4] = gamma * m[:, :2] @ c @ a
    p[4:, 4:] = (1 - gamma) * np.eye(n) + gamma * (w + m[:, :2] @ c @ b @ z)
    g = np.zeros((4 + n, 2))
    g[4:, :] = gamma * m[:, 2:]
    q = c @ p[:4, :]                        # after-step loss: C x_{t+1} = C [A  B Z] s_t
    return p, g, q, w


def carrying(p, g, q, w, gamma, dt, omega, axis):
    z = np.exp(1j * omega * dt)
    h = z * q @ np.linalg.solve(z * np.eye(p.shape[0]) - p, g)
    lam, v = np.linalg.eig(p)
    left = np.linalg.inv(v)
    contrib = np.array([z * (q[axis] @ v[:, k]) * (left[k] @ g[:, axis]) / (z - lam[k]) for k in range(len(lam))])
    best, best_value = None, -1.0
    for k, l in enumerate(lam):
        if l.imag < -1e-6:
            continue
        c = contrib[k]
        if l.imag > 1e-6:
            c = c + contrib[int(np.argmin(np.abs(lam - np.conj(l))))]
        if abs(c) > best_value:
            best, best_value = l, abs(c)
    mu = 1 - gamma + gamma * np.linalg.eigvals(w)
    near = mu[np.argmin(np.abs(mu - best))]
    return {
        "gain": abs(h[axis, axis]),
        "mode_frequency": np.angle(best) / dt,
        "mode_rate": np.log(abs(best)) / dt,
        "mode_share": best_value / abs(h[axis, axis]),
        "w_mode_frequency": abs(np.angle(near)) / dt,
        "w_mode_rate": np.log(abs(near)) / dt,
    }


def main(out):
    table = os.path.join(out, "fig6", "acquisition_modes.csv")
    rows = [r for r in csv.DictReader(open(table)) if r["snapshot"]]
    if not rows:
        print("nothing to check: no frequency of", table, "was acquired at a snapshot")
        return 1
    # the closed-loop run of each seed, as fig6 names it in its manifest (a reproduction's runs/ may hold other runs
    # of the same preset and seed, such as the single-precision twins of `reproduce precision`)
    manifest = json.load(open(os.path.join(out, "fig6", "manifest.json")))
    runs = {r["seed"]: r["run"] for r in manifest["runs"] if r["mode"] == "closed"}
    worst = {}
    for r in rows:
        seed, i, snap = int(r["seed"]), int(r["i"]), int(r["snapshot"])
        run = os.path.join(out, "runs", runs[seed])
        settings = json.load(open(os.path.join(run, "manifest.json")))["settings"]
        net, dt = settings["network"], settings["plant"]["dt"]
        gamma = net["dt"] / net["tau"]
        name = os.path.join(run, "arrays", f"params_{snap:05d}.npz")
        if not os.path.exists(name):
            name = os.path.join(run, "arrays", "params_final.npz")
        p, g, q, w = joint(np.load(name), gamma, dt)
        axis = (i - 1) % 2                 # the paper's task: x, y, x, y in increasing frequency
        got = carrying(p, g, q, w, gamma, dt, float(r["omega"]), axis)
        line = [f"seed {seed} w{i} snapshot {snap}:"]
        for key, value in got.items():
            if key == "gain":
                continue
            engine = float(r[key])
            dev = abs(value - engine) / max(1.0, abs(engine))
            worst[key] = max(worst.get(key, 0.0), dev)
            line.append(f"{key} {value:.6g} (engine {engine:.6g})")
        print("  ".join(line))
    print("largest relative deviations:", ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    return 0 if all(v <= 1e-6 for v in worst.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
