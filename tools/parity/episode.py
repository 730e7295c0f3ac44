"""One training episode written from its equations: the closed-loop rollout (docs/science/model-and-training.md §4),
the losses and their reductions (§5) and the open-loop imitation variants (§6.2).

An episode maps the weights and one epoch's random draws (initial states, reference phases, white-noise inputs,
plant noise) to named loss terms: state, control, imitation.
"""
import torch

from model import DTYPE, reference, tensor


class Episode:
    """The loss of one epoch for the settings of a run (closed loop, or open loop against a fixed teacher)."""

    def __init__(self, settings, plant):
        self.s = settings
        self.plant = plant
        self.ep = settings["episode"]
        self.obj = settings["objective"]
        self.steps = self.ep["steps"]
        target = self.obj["target"]
        self.target = None if target is None else tensor(target)

    def closed_loop(self, net, draws):
        """§6.1: the closed-loop loss terms of one batch."""
        xs, us, ref = self.rollout(net, draws, self.ep["first_control"])[:3]
        return {"state": self.state_term(xs, ref), "control": self.control_term(us), "imitation": zero()}

    def open_loop(self, student, teacher, draws):
        """§6.2: both networks read the same inputs and act from t = 0; no gradient flows through the plant."""
        if self.s["open_loop"]["variant"] == "white_noise":
            xi = tensor(draws["white_noise_inputs"])
            inputs = [xi[t] for t in range(self.steps)]
            with torch.no_grad():
                u_teacher = drive(teacher, inputs)
        else:
            with torch.no_grad():
                _, u_teacher, _, inputs = self.rollout(teacher, draws, "act_from_start")
        u_student = drive(student, inputs)
        return {"state": zero(), "control": zero(), "imitation": self.imitation_term(u_student, u_teacher)}

    def rollout(self, net, draws, first_control):
        """§4: o_t = C x_t (+ noise) (+ reference r[t]); act unless first_control = zero at t = 0; step the plant.

        Returns the states x_0..x_T, the controls u_0..u_{T-1}, the reference (or None) and the controller inputs.
        """
        x = tensor(draws["initial_states"])
        batch = x.shape[0]
        ref = None
        if self.s["reference"] is not None:
            ref = reference(self.s["reference"], draws["reference_phases"], self.steps)
        w = _optional(draws, "process_noise")
        eps = _optional(draws, "observation_noise")
        h = net.initial_state(batch)
        xs, us, inputs = [x], [], []
        for t in range(self.steps):
            if t == 0 and first_control == "zero":
                u = torch.zeros(batch, net.outputs, dtype=DTYPE)  # the controller is not called; h stays 0
            else:
                o = self.plant.observe(x, None if eps is None else eps[t])
                if ref is not None:
                    o = torch.cat([o, ref[t]], dim=1)
                inputs.append(o)
                h, u = net.step(h, o)
            x = self.plant.step(x, u, None if w is None else w[t])
            xs.append(x)
            us.append(u)
        return torch.stack(xs), torch.stack(us), ref, inputs

    def state_term(self, xs, ref):
        """w * nu_S * sum_t S_t over the charged states (before step: x_0..x_{T-1}; after step: x_1..x_T)."""
        T = self.steps
        charged = xs[:T] if self.ep["loss_timing"] == "before_step" else xs[1:T + 1]
        if self.obj["task"] == "tracking":
            err = charged @ self.plant.C.T - ref[:T]  # observed positions against r at the same index
        else:
            err = charged if self.target is None else charged - self.target
        batch, components = err.shape[1], err.shape[2]
        per_step = (err ** 2).sum(dim=(1, 2))
        if self.obj["state_reduction"] == "mean_elements":
            per_step = per_step / (batch * components)
        elif self.obj["state_reduction"] == "sum_dims_mean_batch":
            per_step = per_step / batch
        else:
            raise ValueError(f"objective.state_reduction = {self.obj['state_reduction']!r} is not a reduction of §5")
        return self.obj["step_weight"] * time_factor(self.obj["state_time"], T) * per_step.sum()

    def control_term(self, us):
        """w * beta * nu_K * sum_t K_t."""
        T, batch, controls = us.shape
        per_step = (us ** 2).sum(dim=(1, 2))
        reduction = self.obj["control_reduction"]
        scale = {"sum_batch": 1.0, "mean_batch": 1.0 / batch, "mean_elements": 1.0 / (batch * controls)}[reduction]
        beta = self.obj["beta"]
        return self.obj["step_weight"] * beta * time_factor(self.obj["control_time"], T) * (scale * per_step).sum()

    def imitation_term(self, u_student, u_teacher):
        """w * nu * sum_t (1 / (n_b n_u)) sum_{b,j} (u^S - u^T)^2."""
        T, batch, controls = u_student.shape
        per_step = ((u_student - u_teacher) ** 2).sum(dim=(1, 2)) / (batch * controls)
        return self.obj["step_weight"] * time_factor(self.obj["imitation_time"], T) * per_step.sum()


def drive(net, inputs):
    """The network reads a given input sequence from h = 0 and acts at every step; returns (T, n_b, n_u)."""
    h = net.initial_state(inputs[0].shape[0])
    us = []
    for o in inputs:
        h, u = net.step(h, o)
        us.append(u)
    return torch.stack(us)


def time_factor(reduction, steps):
    return {"sum": 1.0, "mean": 1.0 / steps}[reduction]


def zero():
    return torch.zeros((), dtype=DTYPE)


def _optional(draws, name):
    return tensor(draws[name]) if name in draws else None
