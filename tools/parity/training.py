"""The epoch loop of docs/science/model-and-training.md §8 with PyTorch's own optimisers.

Each epoch takes its recorded draws, computes the loss terms and their gradient by autograd, logs the pre-clip
gradient norm, clips (§8.3, torch.nn.utils.clip_grad_norm_), and steps the optimiser (§8.1 SGD, §8.2 Adam:
torch.optim.SGD and torch.optim.Adam) unless the schedule skips epoch 0 (§8.4) or the loss or gradient is not
finite. Snapshot k holds the weights after k updates. `Learner.gradient` alone gives one epoch's row from given
weights (the per-epoch diagnosis of parity.py --from-checkpoints).
"""
import math

import torch

from episode import Episode
from model import Network, Plant


class EpochRow:
    """What one epoch produced (the columns of the engine's metrics.csv that describe training)."""

    def __init__(self, terms, grad_norm, grad_norm_clipped, status):
        self.state, self.control, self.imitation = (float(terms[k]) for k in ("state", "control", "imitation"))
        self.loss = float(terms["state"] + terms["control"] + terms["imitation"])
        self.grad_norm = grad_norm
        self.grad_norm_clipped = grad_norm_clipped
        self.status = status


class Learner:
    """The trained network with its episode, its fixed teacher (open loop) and its optimiser."""

    def __init__(self, settings, initial, teacher=None):
        self.episode = Episode(settings, Plant(settings["plant"]))
        self.open_loop = settings["mode"] == "open"
        net_settings = settings["network"]
        trainable = net_settings["trainable"]
        if self.open_loop and settings["open_loop"]["trainable"] is not None:
            trainable = settings["open_loop"]["trainable"]
        self.net = Network(net_settings, initial, trainable)
        self.teacher = Network(net_settings, teacher, "") if self.open_loop else None
        self.params = [p for _, p in self.net.trainable()]
        self.optimizer = make_optimizer(settings["optimizer"], self.params)
        self.clip = settings["optimizer"]["clip_norm"]

    def gradient(self, draws):
        """Loss terms of one epoch's draws and their gradient, clipped; returns the row (status still unset)."""
        if self.open_loop:
            terms = self.episode.open_loop(self.net, self.teacher, draws)
        else:
            terms = self.episode.closed_loop(self.net, draws)
        self.optimizer.zero_grad(set_to_none=False)
        total = terms["state"] + terms["control"] + terms["imitation"]
        total.backward()
        norm = global_norm(self.params)
        finite = math.isfinite(float(total)) and math.isfinite(norm)
        if finite and self.clip is not None:
            torch.nn.utils.clip_grad_norm_(self.params, max_norm=self.clip)
        return EpochRow(terms, norm, global_norm(self.params), None if finite else "non_finite")


def train(settings, initial, draws, teacher=None, keep_updates=()):
    """Trains from `initial` (block name -> array) on `draws` (one dict of arrays per epoch).

    Returns the rows, the final weights and the weights after each number of updates in `keep_updates`.
    """
    learner = Learner(settings, initial, teacher)
    skip_first = settings["updates"] == "skip_first_epoch"
    rows, kept, updates = [], {}, 0
    if 0 in keep_updates:
        kept[0] = learner.net.values()
    for epoch, d in enumerate(draws):
        row = learner.gradient(d)
        if row.status is None and epoch == 0 and skip_first:
            row.status = "no_update_scheduled"
        elif row.status is None:
            learner.optimizer.step()
            updates += 1
            row.status = "updated"
            if updates in keep_updates:
                kept[updates] = learner.net.values()
        rows.append(row)
    return rows, learner.net.values(), kept


def make_optimizer(settings, params):
    kind, lr = settings["kind"], settings["learning_rate"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(settings["beta1"], settings["beta2"]), eps=settings["epsilon"])
    raise ValueError(f"optimizer.kind = {kind!r} is not an optimiser of §8")


def global_norm(params):
    """(sum over the trained blocks of sum g^2)^(1/2)."""
    return math.sqrt(sum(float((p.grad ** 2).sum()) for p in params))
