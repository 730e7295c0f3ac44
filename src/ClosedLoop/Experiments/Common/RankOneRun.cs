using ClosedLoop.Runs;
using ClosedLoop.Theory;

namespace ClosedLoop.Experiments;

/// <summary>
/// A finished rank-1 run read back for the figures: its seed, stage boundaries, recorded cubic roots per epoch
/// (the <c>eig_p</c> array, sorted dominant first) and order parameters of its snapshots.
/// </summary>
public sealed class RankOneRun
{
    private readonly Dictionary<long, System.Numerics.Complex[]> _roots = [];

    public RankOneRun(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        Stages = RankOneBase.Stages(record);
        if (record.Array("eig_p") is { } eig)
            for (int i = 0; i < eig.Epochs.Length; i++) _roots[eig.Epochs[i]] = eig.Rows[i];
    }

    public RunRecord Record { get; }
    public long Seed => Record.Settings.Seed;
    public RankOneStages Stages { get; }
    /// <summary>Number of recorded epochs (checkpoints 0..Epochs−1).</summary>
    public int Epochs => Record.Epochs;

    /// <summary>The recorded cubic roots of checkpoint <paramref name="epoch"/>, or null when not recorded.</summary>
    public System.Numerics.Complex[]? Roots(int epoch) => _roots.GetValueOrDefault(epoch);

    /// <summary>The order parameters of snapshot <paramref name="epoch"/> (null: the final weights).</summary>
    public OrderParameters Order(int? epoch) => OrderParameters.Of(Record.Parameters(epoch));

    /// <summary>The position trajectory of snapshot <paramref name="epoch"/> from (1, −1) (<see cref="RankOneBase.Positions"/>).</summary>
    public double[] Positions(int epoch, int steps) => RankOneBase.Positions(Record.Parameters(epoch), steps);

    /// <summary>What the panels of Figs 3–5 draw from this run.</summary>
    public RankOneTrace Trace() => new(Seed, Stages, Order(0).SigmaZm, Record.Series("test_loss"), _roots);
}

/// <summary>
/// The recorded deployed loss D and cubic roots of a rank-1 base run, with its stages: the measured view of the run
/// that the panels of Figs 3–5 draw.
/// </summary>
/// <param name="Seed">Root seed.</param>
/// <param name="Stages">Stage boundaries.</param>
/// <param name="InitialSigmaZm">σ_zm of the epoch-0 weights.</param>
/// <param name="Deployed">D per epoch (NaN where not recorded).</param>
/// <param name="RootsByEpoch">The three cubic roots (dominant first) of each recorded epoch.</param>
public sealed record RankOneTrace(long Seed, RankOneStages Stages, double InitialSigmaZm, double[] Deployed, IReadOnlyDictionary<long, System.Numerics.Complex[]> RootsByEpoch)
{
    /// <summary>Number of recorded epochs.</summary>
    public int Epochs => Deployed.Length;

    /// <summary>The roots of epoch <paramref name="epoch"/>, or null when not recorded.</summary>
    public System.Numerics.Complex[]? Roots(int epoch) => RootsByEpoch.GetValueOrDefault(epoch);
}
