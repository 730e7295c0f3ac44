using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class PrecisionAdviceTests
{
    private static RunSettings RankOne(long seed, int steps, Precision precision) =>
        Presets.Get("lowrank") with { Seed = seed, Precision = precision, Episode = Presets.Get("lowrank").Episode with { Steps = steps } };

    [Fact]
    public void A_rank_one_run_whose_initial_loop_grows_past_float32_is_warned_about_and_its_double_twin_is_not()
    {
        // Seed 3 of the rank-1 preset starts with ρ(P) = 1.236: over 200 steps ρ^(2T) ≈ 1e37 (it overflows in float32 at
        // epoch 0, docs/findings/precision.md); over the preset's 50 steps ρ^(2T) ≈ 1e9.
        var growth = PrecisionAdvice.Growth(RankOne(3, 200, Precision.Single))!.Value;
        Assert.Equal(1.2361, growth.Rho, 4);
        Assert.Equal(2 * 200 * Math.Log10(growth.Rho), growth.Exponent, 12);
        Assert.Contains("precision = single is not safe", PrecisionAdvice.Before(RankOne(3, 200, Precision.Single)));
        Assert.Null(PrecisionAdvice.Before(RankOne(3, 200, Precision.Double)));
        Assert.Null(PrecisionAdvice.Before(RankOne(3, 50, Precision.Single)));
        Assert.Null(PrecisionAdvice.Before(RankOne(0, 200, Precision.Single)));
    }

    [Theory]
    [InlineData("tanh")]       // tanh saturates
    [InlineData("tracking")]   // the clamp bounds the states
    [InlineData("gru")]
    [InlineData("ring-hard")]
    public void Saturating_or_bounded_runs_have_no_growth_to_predict(string preset) =>
        Assert.Null(PrecisionAdvice.Growth(Presets.Get(preset) with { Precision = Precision.Single }));

    [Fact]
    public void Only_a_diverged_single_precision_run_gets_the_note()
    {
        Assert.NotNull(PrecisionAdvice.After(RankOne(3, 200, Precision.Single), diverged: true));
        Assert.Null(PrecisionAdvice.After(RankOne(3, 200, Precision.Single), diverged: false));
        Assert.Null(PrecisionAdvice.After(RankOne(3, 200, Precision.Double), diverged: true));
    }
}
