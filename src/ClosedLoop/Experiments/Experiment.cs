namespace ClosedLoop.Experiments;

/// <summary>
/// An experiment in four typed stages (docs/experiments.md):
/// <list type="number">
/// <item><see cref="Plan"/>: the runs, as a grid keyed by what varies (<typeparamref name="TKey"/>);</item>
/// <item><see cref="Measure"/>: the measures (<typeparamref name="TData"/>, records computed from the finished runs; the
/// only stage that reads runs);</item>
/// <item><see cref="Judge"/>: the claims, from the measures, each with its criterion;</item>
/// <item><see cref="Draw"/>: the figures and tables, from the measures.</item>
/// </list>
/// The runs go through the context's run cache, so they are reused, resumed, or trained on this machine or on Slurm.
/// </summary>
/// <typeparam name="TKey">The factors that vary between runs, e.g. <c>long</c> (the seed) or <c>record struct Key(long Seed, double Beta)</c>.</typeparam>
/// <typeparam name="TData">What the measure stage computes.</typeparam>
public abstract class Experiment<TKey, TData> : IExperiment where TKey : notnull
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <summary>Stage 1: the runs, keyed by named factors.</summary>
    public abstract RunGrid<TKey> Plan(ExperimentContext ctx);

    /// <summary>Stage 2: the measures, from the finished runs.</summary>
    public abstract TData Measure(ExperimentContext ctx, RunSet<TKey> runs);

    /// <summary>Stage 3: the claims, added to <paramref name="claims"/> (ids are prefixed with the experiment's name).</summary>
    public abstract void Judge(ExperimentContext ctx, TData data, ClaimSet claims);

    /// <summary>Stage 4: the figures (with their data beside them) and the experiment's tables.</summary>
    public abstract IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, TData data);

    /// <summary>Plans, obtains the runs, measures, draws and judges.</summary>
    public ExperimentOutput Run(ExperimentContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var runs = ctx.Runs.Obtain(Plan(ctx));
        var data = Measure(ctx, runs);
        var figures = Draw(ctx, data);
        var claims = new ClaimSet(Name);
        Judge(ctx, data, claims);
        return new ExperimentOutput(claims.Items, figures) { Runs = runs.Entries };
    }
}
