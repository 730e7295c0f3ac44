using ClosedLoop.Reporting.Plotting;
using ClosedLoop.Training;

namespace ClosedLoop.Experiments.Studies;

/// <summary>Study: the final deployed loss of two learning rates (what it shows, with a docs reference).</summary>
public sealed class RateStudy : Experiment<RateStudy.Key, IReadOnlyList<RateSeed>>
{
    public readonly record struct Key(double Rate, long Seed);

    public override string Name => "rates";
    public override string Description => "tanh network: final deployed loss at two learning rates";

    private static readonly double[] Rates = [0.01, 0.02];

    public override RunGrid<Key> Plan(ExperimentContext ctx) => new RunGrid<Key>().AddEach(
        Rates.SelectMany(r => ctx.Seeds(quick: 5, full: 5).Select(s => new Key(r, s))),
        k => TanhBase.Settings(ctx, k.Seed) with { Preset = $"tanh-lr{k.Rate}", Optimizer = Presets.Get("tanh").Optimizer with { LearningRate = k.Rate } });

    public override IReadOnlyList<RateSeed> Measure(ExperimentContext ctx, RunSet<Key> runs) =>
        ctx.Seeds(quick: 5, full: 5).Select(s => new RateSeed(s,
            runs[new Key(Rates[0], s)].Summary.FinalLoss, runs[new Key(Rates[1], s)].Summary.FinalLoss)).ToList();

    public override void Judge(ExperimentContext ctx, IReadOnlyList<RateSeed> rows, ClaimSet c)
    {
        c.RestingOn("rates_final");
        c.MostSeeds("1", "The larger rate ends lower", rows, new Quantity<RateSeed>("final loss ratio lr 0.02 / lr 0.01", r => r.Ratio).Below(1));
    }

    public override IReadOnlyList<FigureEntry> Draw(ExperimentContext ctx, IReadOnlyList<RateSeed> rows)
    {
        var plot = Figures.Create("Final loss by seed", "seed", "final loss");
        double[] seeds = [.. rows.Select(r => (double)r.Seed)], low = [.. rows.Select(r => r.Low)], high = [.. rows.Select(r => r.High)];
        Series.Add(plot, seeds, low, new SeriesStyle { Color = Figures.ClosedLoop, Legend = "lr 0.01" });
        Series.Add(plot, seeds, high, new SeriesStyle { Color = Figures.OpenLoop, Legend = "lr 0.02" });
        var saved = FigureWriter.Save(plot, ctx.FiguresDirectory, "rates_final", FigureData.FromColumns(("seed", seeds), ("lr_0_01", low), ("lr_0_02", high)));
        return [ctx.Entry(saved, "Final training loss per seed at the two learning rates.")];
    }
}

/// <summary>One seed: the final losses at the two rates.</summary>
public sealed record RateSeed(long Seed, double Low, double High) : ISeeded
{
    public double Ratio => High / Low;
}
