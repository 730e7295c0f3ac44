#!/usr/bin/env python3
"""PyTorch reference for the `gru` speed workload: the way a researcher writes it in plain PyTorch.

The model and settings of `closedloop bench gru` (the `gru` preset, docs/generalisation.md): an nn.GRUCell of
N = 100 units reading the position of the double integrator, a linear readout without bias, batch 100, T = 50,
x0 ~ U(-2, 2)^2, no control at t = 0, loss (1/T) sum_t mean_b |x_t|^2 over x_0..x_{T-1}, Adam lr 0.003, gradient
clipping at norm 1, no update at epoch 0. float32 (like bench/torch_reference.py), one thread by default.
Used only to measure speed side by side with the C# engine on the same machine; needs Debian's python3-torch
(run with /usr/bin/python3).

usage: torch_gru.py EPOCHS [--threads N] [--seed S]
prints one JSON line: {"workload": "gru", "epochs":..., "seconds":..., "ms_per_epoch":..., "first_loss":..., "last_loss":...}
"""
import argparse, json, time
import numpy as np
import torch


def gru(epochs, rng):
    N, T, B = 100, 50, 100
    A = torch.tensor([[1., 1.], [0., 1.]])
    Bm = torch.tensor([[0.], [1.]])
    cell = torch.nn.GRUCell(1, N)             # weights and biases U(-1/sqrt(N), 1/sqrt(N)) (I-GRU)
    readout = torch.nn.Linear(N, 1, bias=False)
    torch.nn.init.normal_(readout.weight, 0.0, 0.1 / np.sqrt(N))
    params = list(cell.parameters()) + list(readout.parameters())
    opt = torch.optim.Adam(params, lr=0.003)
    losses = []
    for epoch in range(epochs):
        x = torch.tensor(rng.uniform(-2, 2, (2, B)), dtype=torch.float32)
        h = torch.zeros(B, N)
        loss = 0
        for t in range(T):
            loss = loss + torch.mean((x ** 2).sum(0))
            if t == 0:
                u = torch.zeros(B, 1)
            else:
                h = cell(x[:1].T, h)
                u = readout(h)
            x = A @ x + Bm @ u.T
        loss = loss / T
        if epoch > 0:
            opt.zero_grad(); loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step()
        losses.append(loss.item())
    return losses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("epochs", type=int)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    t0 = time.perf_counter()
    losses = gru(a.epochs, rng)
    sec = time.perf_counter() - t0
    print(json.dumps({"workload": "gru", "epochs": a.epochs, "threads": a.threads,
                      "seconds": round(sec, 3), "ms_per_epoch": round(1000 * sec / a.epochs, 3),
                      "first_loss": losses[0], "last_loss": losses[-1]}))


if __name__ == "__main__":
    main()
