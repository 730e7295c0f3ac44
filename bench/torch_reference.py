#!/usr/bin/env python3
"""PyTorch reference implementation of ClosedLoop's speed workloads.

The three training workloads of `closedloop bench`, written the way a researcher writes them in PyTorch: plain
tensors, float32, autograd, a Python loop over time steps. Used only to measure speed side by side with the C#
engine on the same machine (bench/compare.sh, docs/performance.md); the science is in docs/science/.

Each epoch does exactly the work of one `closedloop bench` epoch (src/ClosedLoop/Training/BenchWorkload.cs, the
presets of docs/science/model-and-training.md §7): draw a fresh batch, roll the controller out in closed loop with
the plant, compute the loss, back-propagate through the whole loop, take the global gradient norm (clipping it where
the preset clips) and update, except at epoch 0 of the presets that skip the first update.

    lowrank   rank-1 linear RNN (N=100, I-LR, m frozen) on the double integrator, rolled out as s' = P s with the
              joint matrix P formed densely (as the published low-rank trainer does); T=50, batch 100,
              x0 ~ U(-2,2)^2, loss mean over steps, components and batch; SGD 0.01, clip 1.0, update every epoch
    tanh      tanh RNN (N=100, I-NL, all three matrices trained) on the double integrator, zero control at t=0;
              T=50, batch 100, x0 ~ U(-1,1)^2, loss sum over steps of mean x^2 + 0.005 * sum over batch of u^2;
              SGD 0.01, clip 1.0, no update at epoch 0
    tracking  linear leaky RNN (N=100, dt=0.1, tau=1, I-TR, input weights frozen) driving the 2-D point mass
              (clamp +-10) to track two sinusoids per axis with random phases, 300 steps, batch 100, loss
              (1/300) sum_i 0.1 [mean_b (x_{i+1}-r_x[i])^2 + mean_b (y_{i+1}-r_y[i])^2]; Adam 1e-3, no clipping,
              no update at epoch 0

A further workload is one more function decorated with @workload("name") that returns a Workload.

usage: /usr/bin/python3 bench/torch_reference.py WORKLOAD EPOCHS [--threads N] [--seed S] [--dtype float32|float64]
prints one JSON line: {"workload", "epochs", "threads", "dtype", "seconds", "ms_per_epoch", "first_loss", "last_loss"}
Needs Debian's python3-torch (apt-get install -y python3-torch); one thread is its fastest setting on 2 cores.
"""
import argparse
import json
import math
import time
from dataclasses import dataclass
from typing import Callable, List, Optional

import torch

WORKLOADS = {}


def workload(name):
    """Registers a function (generator -> Workload) under a workload name."""
    def register(build):
        WORKLOADS[name] = build
        return build
    return register


@dataclass
class Workload:
    params: List[torch.Tensor]                  # the trained tensors (requires_grad)
    optimizer: torch.optim.Optimizer
    episode: Callable[[], torch.Tensor]         # one fresh batch rolled out; returns the scalar training loss
    clip: Optional[float]                       # max global gradient norm, or None
    update_at_epoch_0: bool


def uniform(gen, shape, a):
    return (torch.rand(shape, generator=gen) * 2 - 1) * a


def normal(gen, shape, std):
    return torch.randn(shape, generator=gen) * std


def trained(t):
    return t.clone().requires_grad_(True)


def double_integrator():
    A = torch.tensor([[1.0, 1.0], [0.0, 1.0]])
    B = torch.tensor([[0.0], [1.0]])
    C = torch.tensor([[1.0, 0.0]])
    return A, B, C


@workload("lowrank")
def lowrank(gen):
    N, T, batch, beta = 100, 50, 100, 0.0
    A, B, C = double_integrator()
    s = 1 / math.sqrt(N)
    m = uniform(gen, (N, 1), s)                 # input weights, frozen
    z = trained(uniform(gen, (1, N), s))        # readout
    u = trained(normal(gen, (N, 1), s))         # low-rank factors W = u v^T
    v = trained(normal(gen, (N, 1), s))

    def episode():
        P = torch.cat([torch.cat([A, B @ z], 1),
                       torch.cat([m @ C @ A, m @ C @ B @ z + u @ v.T], 1)], 0)
        state = torch.cat([uniform(gen, (2, batch), 2.0), torch.zeros(N, batch)], 0)
        state_cost, control_cost = 0.0, 0.0
        for _ in range(T):
            x, h = state[:2], state[2:]
            state_cost = state_cost + (x ** 2).mean()
            if beta > 0:                        # the controls u_t = z h_t enter the loss only through beta
                control_cost = control_cost + ((z @ h) ** 2).sum() / batch
            state = P @ state
        return state_cost / T + beta * control_cost

    return Workload([z, u, v], torch.optim.SGD([z, u, v], lr=0.01), episode, clip=1.0, update_at_epoch_0=True)


@workload("tanh")
def tanh(gen):
    N, T, batch, beta = 100, 50, 100, 0.005
    A, B, C = double_integrator()
    W_ih = trained(normal(gen, (1, N), 1 / N))
    W_hh = trained(0.1 * normal(gen, (N, N), 1 / math.sqrt(N)))
    W_ho = trained(normal(gen, (N, 1), 1 / N))

    def episode():
        x = uniform(gen, (2, batch), 1.0)       # plant state column-major (components, batch), network row-major
        h = torch.zeros(batch, N)
        loss = 0.0
        for t in range(T):
            if t == 0:
                control = torch.zeros(batch, 1)  # FirstControl = Zero: the network does not act at t = 0
            else:
                h = torch.tanh(h @ W_hh + (C @ x).T @ W_ih)
                control = h @ W_ho
            loss = loss + (x ** 2).mean() + beta * (control ** 2).sum()
            x = A @ x + B @ control.T
        return loss

    params = [W_ih, W_hh, W_ho]
    return Workload(params, torch.optim.SGD(params, lr=0.01), episode, clip=1.0, update_at_epoch_0=False)


@workload("tracking")
def tracking(gen):
    N, batch, steps, dt, tau, amplitude = 100, 100, 300, 0.1, 1.0, 2.31
    gamma = dt / tau
    A = torch.tensor([[1, dt, 0, 0], [0, 1, 0, 0], [0, 0, 1, dt], [0, 0, 0, 1]])
    B = torch.tensor([[0, 0], [dt, 0], [0, 0], [0, dt]])
    W_ih = uniform(gen, (4, N), 1 / math.sqrt(N))      # frozen in closed loop
    W_hh = trained(0.2 * normal(gen, (N, N), 1 / math.sqrt(N)))
    W_ho = trained(uniform(gen, (N, 2), 1 / math.sqrt(N)))
    time_s = torch.arange(steps, dtype=torch.float64) * dt
    ramp = torch.clamp(time_s / 1.0, 0, 1)

    def reference(freqs):
        phases = uniform(gen, (len(freqs), batch, 1), math.pi).double()
        waves = sum(amplitude * torch.cos(2 * math.pi * f * time_s + phases[i]) for i, f in enumerate(freqs))
        return (ramp * waves).T.contiguous().to(torch.get_default_dtype())     # (steps, batch)

    def episode():
        r_x, r_y = reference([0.1, 0.3]), reference([0.2, 0.4])
        x = torch.zeros(4, batch)                # (x, v_x, y, v_y) column-major, starts at rest at the origin
        h = torch.zeros(batch, N)
        loss = 0.0
        for i in range(steps):
            o = torch.stack([x[0], x[2], r_x[i], r_y[i]], 1)
            h = (1 - gamma) * h + gamma * (h @ W_hh + o @ W_ih)    # linear activation
            control = h @ W_ho
            x = torch.clamp(A @ x + B @ control.T, -10, 10)
            loss = loss + dt * (((x[0] - r_x[i]) ** 2).mean() + ((x[2] - r_y[i]) ** 2).mean())
        return loss / steps

    params = [W_hh, W_ho]
    return Workload(params, torch.optim.Adam(params, lr=1e-3), episode, clip=None, update_at_epoch_0=False)


def train(w, epochs):
    """The epoch loop: loss and gradient every epoch, pre-clip gradient norm, update (not at a skipped epoch 0)."""
    losses = []
    for epoch in range(epochs):
        w.optimizer.zero_grad()
        loss = w.episode()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(w.params, w.clip if w.clip is not None else math.inf)
        if epoch > 0 or w.update_at_epoch_0:
            w.optimizer.step()
        losses.append(loss.item())
    return losses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workload", choices=sorted(WORKLOADS))
    ap.add_argument("epochs", type=int)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    a = ap.parse_args()
    if a.epochs < 1:
        ap.error(f"epochs = {a.epochs} is not allowed: it must be >= 1")
    torch.set_num_threads(a.threads)
    torch.set_default_dtype(getattr(torch, a.dtype))
    gen = torch.Generator().manual_seed(a.seed)
    w = WORKLOADS[a.workload](gen)
    start = time.perf_counter()
    losses = train(w, a.epochs)
    seconds = time.perf_counter() - start
    print(json.dumps({"workload": a.workload, "epochs": a.epochs, "threads": a.threads, "dtype": a.dtype,
                      "seconds": round(seconds, 3), "ms_per_epoch": round(1000 * seconds / a.epochs, 3),
                      "first_loss": losses[0], "last_loss": losses[-1]}))


if __name__ == "__main__":
    main()
