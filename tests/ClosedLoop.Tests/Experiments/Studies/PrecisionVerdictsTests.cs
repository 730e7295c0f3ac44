using ClosedLoop.Experiments.Studies;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

public class PrecisionVerdictsTests
{
    private static PrecisionPair Pair(TempDirectory tmp, RunSettings s)
    {
        string d = tmp.File($"double-{s.Seed}"), f = tmp.File($"single-{s.Seed}");
        TrainingRun.Execute(s, new RunOutput(d, Threads: 1));
        TrainingRun.Execute(PrecisionCase.Single(s), new RunOutput(f, Threads: 1));
        return new PrecisionPair(s.Seed, RunRecord.Open(d), RunRecord.Open(f));
    }

    [Fact]
    public void An_overflow_in_single_precision_is_predicted_and_makes_every_quantity_differ()
    {
        // Seed 3 of the rank-1 preset over 200 steps: ρ(P0)^(2T) ≈ 1e37, so the float32 run overflows at epoch 0 (its
        // double twin trains); seed 0 grows little and agrees.
        using var tmp = new TempDirectory();
        RunSettings Settings(long seed) => Presets.Get("lowrank") with
        {
            Seed = seed, Epochs = 4, Episode = Presets.Get("lowrank").Episode with { Steps = 200 },
        };
        var pairs = new[] { Pair(tmp, Settings(0)), Pair(tmp, Settings(3)) };
        Assert.False(pairs[0].SingleOverflowed);
        Assert.True(pairs[1].SingleOverflowed);
        var quantity = new PrecisionQuantity("final deployed loss", QuantityScale.Relative, r => r.Summary.FinalTestLoss ?? double.NaN);
        var c = new PrecisionCase("rank-1 closed, T = 200", Settings, [0, 3], [quantity], Judged: false);
        var claims = PrecisionVerdicts.Judge([(c, pairs)]);
        Assert.Equal(2, claims.Count);
        Assert.True(claims[0].Pass); // the overflow is where PrecisionAdvice warns, and only there
        Assert.Contains("seed 3 (first non-finite epoch 0)", (string)claims[0].Measured!);
        Assert.Null(claims[1].Pass); // the long horizon is reported, not judged
        Assert.StartsWith("differs: seed 3 overflowed in single precision", (string)claims[1].Measured!);
        var rows = PrecisionVerdicts.Rows(c, pairs).ToList();
        Assert.True(rows[0].Difference < 1e-5);
        Assert.Equal(double.PositiveInfinity, rows[1].Difference);

        var judged = c with { Judged = true, Seeds = [0] };
        var agree = PrecisionVerdicts.Judge([(judged, pairs[..1])]);
        Assert.True(agree[0].Pass);
        Assert.StartsWith("agrees within ", (string)agree[0].Measured!);
        Assert.EndsWith(" (relative) over 1 seeds", (string)agree[0].Measured!);
    }
}
