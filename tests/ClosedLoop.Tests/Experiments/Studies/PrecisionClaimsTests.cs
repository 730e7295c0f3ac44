using ClosedLoop.Experiments;
using ClosedLoop.Experiments.Studies;
using ClosedLoop.Runs;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Experiments.Studies;

public class PrecisionClaimsTests
{
    private static PrecisionSeed Seed(TempDirectory tmp, PrecisionCase c, long seed)
    {
        var s = c.Settings(seed);
        string d = tmp.File($"double-{seed}"), f = tmp.File($"single-{seed}");
        TrainingRun.Execute(s, new RunOutput(d, Threads: 1));
        TrainingRun.Execute(PrecisionCase.Single(s), new RunOutput(f, Threads: 1));
        return PrecisionSeed.Of(c, seed, RunRecord.Open(d), RunRecord.Open(f));
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
        var quantity = new PrecisionQuantity("final deployed loss", QuantityScale.Relative, r => r.Summary.FinalTestLoss ?? double.NaN);
        var c = new PrecisionCase("rank-1 closed, T = 200", Settings, [0, 3], [quantity], Judged: false);
        var seeds = new[] { Seed(tmp, c, 0), Seed(tmp, c, 3) };
        Assert.False(seeds[0].SingleOverflowed);
        Assert.True(seeds[1].SingleOverflowed);
        Assert.False(seeds[0].Warned);
        Assert.True(seeds[1].Warned);

        var set = new ClaimSet("precision");
        PrecisionClaims.Judge(set, [new PrecisionCaseData(c, seeds, PrecisionMeasures.EpochTolerance(4))]);
        var claims = set.Items;
        Assert.Equal(["precision.1a", "precision.1b"], claims.Select(x => x.Id));
        Assert.Equal(ClaimCategory.Empirical, claims[0].Category);
        Assert.True(claims[0].Pass); // the overflow is where PrecisionAdvice warns, and only there
        Assert.Contains("seed 3 (first non-finite epoch 0)", claims[0].Note);
        Assert.Equal(ClaimCategory.Reported, claims[1].Category); // the long horizon is reported, not judged
        Assert.Null(claims[1].Pass);
        Assert.StartsWith("differs: seed 3 overflowed in single precision", claims[1].Note);
        Assert.True(seeds[0].Difference(0, QuantityScale.Relative) < 1e-5);
        Assert.Equal([true, false], claims[1].Seeds!.Supports);

        var judged = c with { Judged = true, Seeds = [0] };
        var agree = new ClaimSet("precision");
        PrecisionClaims.Judge(agree, [new PrecisionCaseData(judged, seeds[..1], PrecisionMeasures.EpochTolerance(4))]);
        var claim = Assert.Single(agree.Items);
        Assert.True(claim.Pass);
        Assert.StartsWith("agrees within ", claim.Note);
        Assert.Contains(" (relative) over 1 seeds", claim.Note);
    }
}
