using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>Factories for the plants of the spec (docs/science/model-and-training.md §1).</summary>
public static class Plants
{
    /// <summary>
    /// k-th order integrator chain with the published forward-Euler pattern: A = I + dt on the first
    /// superdiagonal, B_{k−i, n_u−i} = dt for i = 1..min(k, n_u), C observes the first c components.
    /// </summary>
    public static LinearPlant IntegratorChain(int k, int controls = 1, int observed = 1, double dt = 1.0)
    {
        Training.SizeLimits.Count("plant.order", k, 1, Training.SizeLimits.MaxPlantSize);
        Training.SizeLimits.Count("plant.controls", controls, 1, Training.SizeLimits.MaxPlantSize);
        if (observed < 1 || observed > k) throw new ArgumentException($"plant.observed = {observed} is not allowed: it must be in [1, {k}]");
        var a = Mat.Identity(k);
        for (int i = 0; i < k - 1; i++) a[i, i + 1] = dt;
        var b = new Mat(k, controls);
        for (int i = 1; i <= Math.Min(k, controls); i++) b[k - i, controls - i] = dt;
        var c = new Mat(observed, k);
        for (int i = 0; i < observed; i++) c[i, i] = 1;
        return new LinearPlant(k == 2 && controls == 1 && observed == 1 && dt == 1.0 ? "double_integrator" : $"integrator_chain_{k}", a, b, c, dt);
    }

    /// <summary>The paper's double integrator: k = 2, dt = 1, position observed.</summary>
    public static LinearPlant DoubleIntegrator() => IntegratorChain(2, 1, 1, 1.0);

    /// <summary>
    /// Two independent double integrators (x, v_x, y, v_y) driven by (a_x, a_y), observed in position
    /// (the C_pos of docs/science/model-and-training.md §1.3), clamped to ±10 on all four components by default.
    /// </summary>
    public static LinearPlant PointMass(double dt = 0.1, double? clamp = 10.0)
    {
        var a = Mat.FromRows(
            [1, dt, 0, 0],
            [0, 1, 0, 0],
            [0, 0, 1, dt],
            [0, 0, 0, 1]);
        var b = Mat.FromRows(
            [0, 0],
            [dt, 0],
            [0, 0],
            [0, dt]);
        var c = Mat.FromRows(
            [1, 0, 0, 0],
            [0, 0, 1, 0]);
        return new LinearPlant("point_mass", a, b, c, dt) { ClampBound = clamp };
    }
}
