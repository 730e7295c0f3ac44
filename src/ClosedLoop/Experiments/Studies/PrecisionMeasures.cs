using System.Globalization;
using ClosedLoop.Runs;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>One run of a precision pair measured: whether it diverged, when, and its loss curves.</summary>
/// <param name="Diverged">The loss or gradient stopped being finite.</param>
/// <param name="FirstNonFiniteEpoch">The first epoch with a non-finite loss, if any.</param>
/// <param name="Deployed">The deployed loss per epoch (<c>test_loss</c>).</param>
/// <param name="Loss">The training loss per epoch.</param>
public sealed record PrecisionRun(bool Diverged, int? FirstNonFiniteEpoch, double[] Deployed, double[] Loss)
{
    /// <summary>Reads a finished run.</summary>
    public static PrecisionRun Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Summary.Diverged, run.Summary.FirstNonFiniteEpoch, run.Series("test_loss"), run.Series("loss"));
    }
}

/// <summary>
/// One seed of a <see cref="PrecisionCase"/> in both precisions: the value of every quantity of the case (NaN: undefined,
/// or the run diverged), both runs, and the predicted loss-growth exponent 2T·log₁₀ ρ(P₀) of <see cref="PrecisionAdvice"/>
/// (NaN where it does not apply).
/// </summary>
public sealed record PrecisionSeed(long Seed, IReadOnlyList<double> Double, IReadOnlyList<double> Single, PrecisionRun DoubleRun, PrecisionRun SingleRun, double GrowthExponent) : ISeeded
{
    /// <summary>The single run had a non-finite loss or gradient and its double twin did not: float32 overflowed.</summary>
    public bool SingleOverflowed => SingleRun.Diverged && !DoubleRun.Diverged;

    /// <summary>Whether <c>train</c> warns before the single run (<see cref="PrecisionAdvice.Before"/>).</summary>
    public bool Warned => GrowthExponent > PrecisionAdvice.OverflowExponent;

    /// <summary>
    /// |single − double| of quantity <paramref name="index"/>, in epochs or relative to |double| (<paramref name="scale"/>);
    /// 0 when it is undefined in both (both runs agree that, e.g., they never stabilised); +∞ when it is defined in one
    /// only, or when either run diverged (its quantities are not comparable).
    /// </summary>
    public double Difference(int index, QuantityScale scale)
    {
        if (DoubleRun.Diverged || SingleRun.Diverged) return double.PositiveInfinity;
        double d = Double[index], s = Single[index];
        bool hasD = double.IsFinite(d), hasS = double.IsFinite(s);
        if (!hasD && !hasS) return 0;
        if (hasD != hasS) return double.PositiveInfinity;
        double diff = Math.Abs(s - d);
        return scale == QuantityScale.Epochs ? diff : diff / Math.Abs(d);
    }

    /// <summary>Measures the double and single runs of one seed of <paramref name="c"/>.</summary>
    public static PrecisionSeed Of(PrecisionCase c, long seed, RunRecord doubleRun, RunRecord singleRun)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(doubleRun);
        ArgumentNullException.ThrowIfNull(singleRun);
        return new(seed, Values(c, doubleRun), Values(c, singleRun), PrecisionRun.Of(doubleRun), PrecisionRun.Of(singleRun),
            PrecisionAdvice.Growth(singleRun.Settings)?.Exponent ?? double.NaN);
    }

    private static IReadOnlyList<double> Values(PrecisionCase c, RunRecord r) =>
        c.Quantities.Select(q => r.Summary.Diverged ? double.NaN : q.Measure(r)).ToList();
}

/// <summary>A case of the precision study measured: its seeds and the tolerance of its epoch quantities.</summary>
/// <param name="Case">The case.</param>
/// <param name="Seeds">One row per seed, in the case's seed order.</param>
/// <param name="EpochTolerance">The tolerance of an epoch quantity (<see cref="PrecisionMeasures.EpochTolerance"/> of the case's epochs).</param>
public sealed record PrecisionCaseData(PrecisionCase Case, IReadOnlyList<PrecisionSeed> Seeds, double EpochTolerance)
{
    /// <summary>The tolerance of quantity <paramref name="q"/>.</summary>
    public double Tolerance(PrecisionQuantity q) =>
        q.Scale == QuantityScale.Epochs ? EpochTolerance : PrecisionMeasures.RelativeTolerance;
}

/// <summary>
/// The tolerances of the precision study (fixed in advance, docs/findings/precision.md) and the texts of its verdicts:
/// "agrees within X over N seeds" or "differs: …".
/// </summary>
public static class PrecisionMeasures
{
    /// <summary>Relative tolerance of losses and loss ratios (float rounding is about 1e-7; training amplifies it).</summary>
    public const double RelativeTolerance = 1e-2;

    /// <summary>Tolerance of an epoch quantity: 1 % of the run's epochs, at least 5.</summary>
    public static double EpochTolerance(int epochs) => Math.Max(5, Math.Round(0.01 * epochs));

    /// <summary>The verdict on quantity <paramref name="index"/> of a case: "agrees within X over N seeds" or "differs: …" with the seeds that differ.</summary>
    public static string Verdict(PrecisionCaseData d, int index)
    {
        ArgumentNullException.ThrowIfNull(d);
        var q = d.Case.Quantities[index];
        double tolerance = d.Tolerance(q);
        var differences = d.Seeds.Select(r => r.Difference(index, q.Scale)).ToList();
        if (differences.All(x => x <= tolerance))
            return $"agrees within {Text(differences.Max(), q.Scale)}{Unit(q.Scale)} over {d.Seeds.Count} seeds";
        return "differs: " + string.Join("; ", d.Seeds.Where((_, i) => !(differences[i] <= tolerance)).Select(r =>
            r.SingleOverflowed ? $"seed {r.Seed} overflowed in single precision (first non-finite epoch {r.SingleRun.FirstNonFiniteEpoch})"
            : $"seed {r.Seed}: {Cell(r.Double[index], r.DoubleRun)} in double, {Cell(r.Single[index], r.SingleRun)} in single"));
    }

    /// <summary>Every seed's pair of values of quantity <paramref name="index"/>, "seed s: double, single".</summary>
    public static string PerSeed(PrecisionCaseData d, int index) =>
        "per seed (double, single): " + string.Join("; ", d.Seeds.Select(r => $"seed {r.Seed}: {Cell(r.Double[index], r.DoubleRun)}, {Cell(r.Single[index], r.SingleRun)}"));

    /// <summary>" epochs" or " (relative)".</summary>
    public static string Unit(QuantityScale scale) => scale == QuantityScale.Epochs ? " epochs" : " (relative)";

    /// <summary>A difference or tolerance as the verdicts write it.</summary>
    public static string Text(double v, QuantityScale scale) =>
        scale == QuantityScale.Epochs ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("G2", CultureInfo.InvariantCulture);

    private static string Cell(double v, PrecisionRun r) =>
        r.Diverged ? "diverged" : double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "none";
}
