"""Reading an engine run directory (docs/reporting.md): manifest.json settings, summary.json, metrics.csv, the
parameter snapshots arrays/params_<epoch>.npz and params_final.npz, and arrays/draws.npz (train --record-draws).
"""
import csv
import json
import os
import re

import numpy as np


class RunError(Exception):
    """The run directory cannot be checked (missing file, unsupported settings)."""


class RunDir:
    def __init__(self, path):
        self.path = path
        self.settings = self._json("manifest.json")["settings"]
        self.summary = self._json("summary.json")

    def _file(self, *parts):
        p = os.path.join(self.path, *parts)
        if not os.path.isfile(p):
            hint = " (train with --record-draws)" if parts[-1] == "draws.npz" else ""
            raise RunError(f"{p} does not exist{hint}")
        return p

    def _json(self, name):
        with open(self._file(name), encoding="utf-8") as f:
            return json.load(f)

    def metrics(self):
        """metrics.csv as a list of dicts (numbers as float, empty cells as None)."""
        with open(self._file("metrics.csv"), newline="", encoding="utf-8") as f:
            return [{k: _cell(v) for k, v in row.items()} for row in csv.DictReader(f)]

    def parameters(self, name):
        """One parameter file of arrays/ as block name -> float64 array (row form)."""
        with np.load(self._file("arrays", name)) as z:
            return {k: z[k] for k in z.files}

    def snapshot_epochs(self):
        """Epochs with a snapshot arrays/params_<epoch>.npz, sorted."""
        names = os.listdir(os.path.join(self.path, "arrays"))
        return sorted(int(m.group(1)) for m in map(re.compile(r"params_(\d+)\.npz$").match, names) if m)

    def draws(self):
        """The recorded draws as one dict of arrays per epoch, in epoch order."""
        with np.load(self._file("arrays", "draws.npz")) as z:
            arrays = {k: z[k] for k in z.files}
        epochs = arrays.pop("epochs")
        if list(epochs) != list(range(len(epochs))):
            raise RunError(f"{self.path}: draws.npz holds epochs {epochs[:5]}..., not 0, 1, 2, ...")
        return [{k: a[e] for k, a in arrays.items()} for e in range(len(epochs))]

    def teacher(self):
        """The teacher's final weights of an open-loop run."""
        ref = self.summary.get("teacher")
        if ref is None:
            raise RunError(f"{self.path}: an open-loop run without a teacher in summary.json")
        return RunDir(ref if os.path.isabs(ref) else os.path.join(self.path, ref)).parameters("params_final.npz")


def _cell(v):
    if v == "":
        return None
    try:
        return float(v)
    except ValueError:
        return v
