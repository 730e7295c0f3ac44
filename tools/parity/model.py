"""The published model written from its equations, independently of the engine's code.

Plants (docs/science/model-and-training.md §1.1-1.3), the tracking reference (§1.4) and the leaky recurrent network
(§2.1-2.4), in the row form of §0: batch first, plant states (n_b, k), hidden states (n_b, N), products h @ W_hh.
Everything is float64 torch tensors; gradients come from autograd.
"""
import math

import numpy as np
import torch

DTYPE = torch.float64


def tensor(a):
    return torch.as_tensor(np.asarray(a, dtype=np.float64), dtype=DTYPE)


def integrator_chain(k, controls, observed, dt):
    """§1.1: A = I with dt on the first superdiagonal; B[k-i, n_u-i] = dt for i = 1..min(k, n_u); C observes the
    first c components."""
    a = np.eye(k)
    for i in range(k - 1):
        a[i, i + 1] = dt
    b = np.zeros((k, controls))
    for i in range(1, min(k, controls) + 1):
        b[k - i, controls - i] = dt
    c = np.zeros((observed, k))
    for i in range(observed):
        c[i, i] = 1.0
    return a, b, c


def point_mass(dt):
    """§1.3: two independent double integrators (x, v_x, y, v_y) driven by (a_x, a_y); C = C_pos."""
    a = np.array([[1, dt, 0, 0], [0, 1, 0, 0], [0, 0, 1, dt], [0, 0, 0, 1]], dtype=float)
    b = np.array([[0, 0], [dt, 0], [0, 0], [0, dt]], dtype=float)
    c = np.array([[1, 0, 0, 0], [0, 0, 1, 0]], dtype=float)
    return a, b, c


class Plant:
    """x_{t+1} = clamp(A x_t + f_B B u_t + w_t), observation C x_t + eps_t (§1.1-1.3)."""

    def __init__(self, settings):
        kind, dt = settings["kind"], settings["dt"]
        if kind == "double_integrator":
            a, b, c = integrator_chain(2, 1, 1, dt)
        elif kind == "integrator_chain":
            a, b, c = integrator_chain(settings["order"], settings["controls"], settings["observed"], dt)
        elif kind == "point_mass":
            a, b, c = point_mass(dt)
        elif kind == "custom":
            a, b, c = (np.array(settings[m], dtype=float) for m in ("a", "b", "c"))
        else:
            raise ValueError(f"plant.kind = {kind!r} is not a plant of the model")
        self.A, self.B, self.C = tensor(a), tensor(b * settings["feedback_factor"]), tensor(c)
        self.dt = dt
        self.bound = settings["clamp"]
        self.process_noise = settings["process_noise"]
        self.observation_noise = settings["observation_noise"]

    @property
    def state_size(self):
        return self.A.shape[0]

    def observe(self, x, noise=None):
        y = x @ self.C.T
        return y if noise is None else y + noise

    def step(self, x, u, noise=None):
        x_next = x @ self.A.T + u @ self.B.T
        if noise is not None:
            x_next = x_next + noise
        return x_next if self.bound is None else clamp(x_next, self.bound)


def clamp(x, bound):
    """Clip to [-bound, bound]; the derivative is 1 where the value lies inside, bounds included, else 0 (§1.3)."""
    inside = x.abs() <= bound
    return torch.where(inside, x, torch.sign(x) * bound)


def reference(settings, phases, steps):
    """§1.4: r_axis(t_i) = ramp(t_i) * sum over that axis's components of a cos(2 pi f t_i + phi), t_i = dt * i.

    phases: (n_b, components) in the order of settings["components"]. Returns (steps, n_b, 2), axes (x, y).
    """
    t = settings["dt"] * np.arange(steps)
    ramp_s = settings["ramp_seconds"]
    ramp = np.clip(t / ramp_s, 0.0, 1.0) if ramp_s > 0 else np.ones(steps)
    phases = np.asarray(phases)
    r = np.zeros((steps, phases.shape[0], 2))
    for j, comp in enumerate(settings["components"]):
        axis = {"x": 0, "y": 1}[comp["axis"]]
        omega = 2 * math.pi * comp["frequency_hz"]
        r[:, :, axis] += comp["amplitude"] * np.cos(omega * t[:, None] + phases[None, :, j])
    return tensor(r * ramp[:, None, None])


# the engine's names of the trainable blocks (settings "trainable") -> the names of the parameter file
_BLOCK_OF_FLAG = {
    "input_weights": "input_weights", "readout_weights": "readout_weights", "low_rank_u": "u", "low_rank_v": "v",
    "hidden_bias": "hidden_bias", "output_bias": "output_bias",
}

_PHI = {"linear": lambda a: a, "tanh": torch.tanh, "relu": torch.relu}  # relu'(0) = 0 as in §2.2


class Network:
    """The leaky recurrent network of §2.1 in row form:

        h_t = h_{t-1} + gamma * (-h_{t-1} + phi(h_{t-1} W_hh + o_t W_ih + b_h)),   u_t = h_t W_ho + b_o,

    gamma = dt / tau; with low-rank recurrence W_hh = W_bulk + V U^T (§2.3). Blocks absent from the parameter file
    are zero (the engine leaves out frozen zero blocks).
    """

    def __init__(self, settings, arrays, trainable):
        if settings.get("cell", "rnn") != "rnn":
            raise ValueError(f"network.cell = {settings['cell']!r}: the parity check implements the leaky RNN of §2.1 only")
        n, nin, nout = settings["hidden"], settings["inputs"], settings["outputs"]
        self.low_rank = settings["recurrence"] == "low_rank"
        rank = settings["rank"] if self.low_rank else 0
        self.dense_name = "recurrent_bulk" if self.low_rank else "recurrent_weights"
        shapes = {"input_weights": (nin, n), self.dense_name: (n, n), "readout_weights": (n, nout),
                  "hidden_bias": (1, n), "output_bias": (1, nout)}
        if self.low_rank:
            shapes.update(u=(n, rank), v=(n, rank))
        flags = {f.strip() for f in trainable.split(",") if f.strip() and f.strip() != "none"}
        if "all" in flags:
            flags = set(_BLOCK_OF_FLAG) | {"recurrent_weights"}
        train = {_BLOCK_OF_FLAG.get(f, self.dense_name if f == "recurrent_weights" else f) for f in flags}
        unknown = train - set(shapes) - {"u", "v"}
        if unknown:
            raise ValueError(f"network.trainable names {sorted(unknown)}, which are not blocks of the model")
        self.params = {}
        for name, shape in shapes.items():
            value = arrays.get(name, np.zeros(shape))
            if tuple(value.shape) != shape:
                raise ValueError(f"block {name} has shape {value.shape}, the network needs {shape}")
            self.params[name] = tensor(value).clone().requires_grad_(name in train and value.size > 0)
        self.gamma = settings["dt"] / settings["tau"]
        self.phi = _PHI[settings["activation"]]
        self.hidden, self.outputs = n, nout

    def trainable(self):
        """(name, tensor) of the trained blocks, in a fixed order."""
        return [(k, p) for k, p in self.params.items() if p.requires_grad]

    def initial_state(self, batch):
        return torch.zeros(batch, self.hidden, dtype=DTYPE)

    def step(self, h, o):
        p = self.params
        recurrent = h @ p[self.dense_name]
        if self.low_rank:
            recurrent = recurrent + (h @ p["v"]) @ p["u"].T
        h = h + self.gamma * (-h + self.phi(recurrent + o @ p["input_weights"] + p["hidden_bias"]))
        return h, h @ p["readout_weights"] + p["output_bias"]

    def values(self):
        return {k: p.detach().numpy().copy() for k, p in self.params.items()}
