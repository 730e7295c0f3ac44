using System.Globalization;
using System.Numerics;
using ClosedLoop.Controllers;
using ClosedLoop.Numerics;

namespace ClosedLoop.Tests.Theory;

/// <summary>Networks and assertion helpers shared by the theory tests.</summary>
internal static class TheoryFixtures
{
    /// <summary>docs/science/reference-values.md A3: the explicit N = 3 rank-1 model.</summary>
    public static readonly double[] A3M = [0.1, -0.2, 0.05];
    public static readonly double[] A3Z = [-0.3, 0.1, 0.2];
    public static readonly double[] A3U = [0.5, 0.4, -0.1];
    public static readonly double[] A3V = [0.2, -0.3, 0.6];

    /// <summary>Settings of the paper's rank-1 linear model (I-LR, g = 0, m frozen).</summary>
    public static NetworkSettings RankOneSettings(int n) => new()
    {
        Hidden = n,
        Inputs = 1,
        Outputs = 1,
        Activation = Activation.Linear,
        Recurrence = Recurrence.LowRank,
        Rank = 1,
        BulkGain = 0,
        Init = InitScheme.RankOnePaper,
        Trainable = ParameterBlocks.LowRankU | ParameterBlocks.LowRankV | ParameterBlocks.ReadoutWeights,
    };

    /// <summary>A rank-1 network with explicit vectors m, z, u, v.</summary>
    public static NetworkParameters RankOne(double[] m, double[] z, double[] u, double[] v)
    {
        var p = new NetworkParameters(RankOneSettings(m.Length));
        m.CopyTo(p.Input, 0);
        z.CopyTo(p.Readout, 0);
        u.CopyTo(p.U, 0);
        v.CopyTo(p.V, 0);
        return p;
    }

    /// <summary>The A3 network.</summary>
    public static NetworkParameters A3Network() => RankOne(A3M, A3Z, A3U, A3V);

    /// <summary>A random I-LR rank-1 network (N = 100 by default) drawn with <see cref="Initializer.Create"/>.</summary>
    public static NetworkParameters RandomRankOne(ulong seed, int n = 100, double? overlapTarget = null) =>
        Initializer.Create(RankOneSettings(n) with { OverlapTarget = overlapTarget }, new RandomStream(seed));

    /// <summary>docs/science/reference-values.md B3: the small dense network (row form), γ = 1, no biases.</summary>
    public static NetworkParameters B3Network(Activation activation)
    {
        var settings = new NetworkSettings { Hidden = 3, Inputs = 1, Outputs = 1, Activation = activation, Recurrence = Recurrence.Dense };
        var p = new NetworkParameters(settings);
        new double[] { 0.5, -0.3, 0.8 }.CopyTo(p.Input, 0);
        new double[] { 0.1, -0.2, 0, 0.3, 0.05, -0.1, -0.15, 0.2, 0.1 }.CopyTo(p.Recurrent, 0);
        new double[] { 0.4, -0.6, 0.2 }.CopyTo(p.Readout, 0);
        return p;
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> agrees with the quoted decimal string <paramref name="quoted"/>
    /// (e.g. "39.7529", "6.09842e17", "191828") to its quoted digits: the tolerance is <paramref name="units"/> (default
    /// one half, i.e. "rounds to") of the last quoted digit, plus 10⁻¹² relative. A leading '=' marks an exact value
    /// ("=1", "=0"): tolerance 10⁻¹²·max(1, |value|).
    /// </summary>
    public static void Quoted(string quoted, double actual, string? what = null, double units = 0.5)
    {
        bool exact = quoted.StartsWith('=');
        string text = exact ? quoted[1..] : quoted;
        double expected = double.Parse(text, CultureInfo.InvariantCulture);
        string[] parts = text.Split('e', 'E');
        int exponent = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        int decimals = parts[0].Contains('.') ? parts[0].Length - parts[0].IndexOf('.') - 1 : 0;
        double tolerance = exact
            ? 1e-12 * Math.Max(1, Math.Abs(expected))
            : units * Math.Pow(10, exponent - decimals) + 1e-12 * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what ?? "value"}: expected {quoted} (±{tolerance:G3}), got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Asserts |a − e| ≤ tol for complex numbers.</summary>
    public static void Near(Complex expected, Complex actual, double tolerance, string? what = null) =>
        Assert.True((actual - expected).Magnitude <= tolerance, $"{what ?? "value"}: expected {expected}, got {actual} (tolerance {tolerance:G3})");

    /// <summary>Asserts |a − e| ≤ tol.</summary>
    public static void Near(double expected, double actual, double tolerance, string? what = null) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what ?? "value"}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");

    /// <summary>Asserts |a − e| ≤ tol·max(1, |e|).</summary>
    public static void Relative(double expected, double actual, double tolerance, string? what = null) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance:G3})");
}
