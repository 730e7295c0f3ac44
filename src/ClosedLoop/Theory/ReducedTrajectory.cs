namespace ClosedLoop.Theory;

/// <summary>
/// A rollout of the reduced rank-1 model P_eff (docs/science/analysis-maths.md §3.3): states s_t = (x⁽¹⁾_t, x⁽²⁾_t, κ_m(t), κ_u(t)) and
/// controls u_t = σ_zm κ_m(t) + σ_zu κ_u(t) for t = 0..Steps−1.
/// </summary>
/// <param name="Steps">Number of recorded steps T.</param>
/// <param name="States">States, row-major T×4: <c>States[4t + j]</c>.</param>
/// <param name="Controls">Controls u_t, length T.</param>
public sealed record ReducedTrajectory(int Steps, double[] States, double[] Controls)
{
    /// <summary>Position x⁽¹⁾_t.</summary>
    public double Position(int t) => States[4 * t];

    /// <summary>Velocity x⁽²⁾_t.</summary>
    public double Velocity(int t) => States[4 * t + 1];

    /// <summary>Latent coordinate κ_m(t) of h_t along m.</summary>
    public double KappaM(int t) => States[4 * t + 2];

    /// <summary>Latent coordinate κ_u(t) of h_t along u.</summary>
    public double KappaU(int t) => States[4 * t + 3];

    /// <summary>Control u_t.</summary>
    public double Control(int t) => Controls[t];

    /// <summary>Σ_t ½ (x⁽¹⁾_t² + x⁽²⁾_t²) over the recorded steps (the Stage-1 cost of docs/science/analysis-maths.md §4).</summary>
    public double HalfSquaredStateSum()
    {
        double sum = 0;
        for (int t = 0; t < Steps; t++) sum += 0.5 * (Position(t) * Position(t) + Velocity(t) * Velocity(t));
        return sum;
    }
}
