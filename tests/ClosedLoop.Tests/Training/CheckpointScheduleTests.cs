using ClosedLoop.Numerics;
using ClosedLoop.Training;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Tests.Training;

public class CheckpointScheduleTests
{
    [Theory]
    [InlineData("500", 500, null)]
    [InlineData("30s", 0, 30.0)]
    [InlineData("1.5m", 0, 90.0)]
    [InlineData("2h", 0, 7200.0)]
    [InlineData("none", 0, null)]
    public void Parses_epochs_times_and_none(string text, int epochs, double? seconds)
    {
        var s = CheckpointSchedule.Parse(text);
        Assert.Equal(epochs, s.EveryEpochs);
        Assert.Equal(seconds, s.Every?.TotalSeconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("5x")]
    [InlineData("m")]
    [InlineData("0s")]
    [InlineData("infh")]
    public void Refuses_what_is_not_a_schedule(string text) =>
        Assert.StartsWith($"checkpoint-every = '{text}' is not allowed", Assert.Throws<ArgumentException>(() => CheckpointSchedule.Parse(text)).Message);

    [Fact]
    public void Is_due_by_epochs_or_by_time()
    {
        var byEpochs = new CheckpointSchedule(EveryEpochs: 4);
        Assert.Equal([4, 8], Enumerable.Range(1, 9).Where(e => byEpochs.IsDue(e, TimeSpan.Zero)));
        var byTime = CheckpointSchedule.Default;
        Assert.False(byTime.IsDue(4, TimeSpan.FromSeconds(59)));
        Assert.True(byTime.IsDue(5, TimeSpan.FromSeconds(60)));
        Assert.False(CheckpointSchedule.OnlyWhenInterrupted.IsDue(1000, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void A_random_stream_continues_from_its_saved_state()
    {
        var a = new RandomStream(7);
        for (int i = 0; i < 5; i++) a.NextUInt64();
        var state = a.GetState();
        var expected = Enumerable.Range(0, 4).Select(_ => a.NextUInt64()).ToArray();
        var b = new RandomStream(99);
        b.SetState(state);
        Assert.Equal(expected, Enumerable.Range(0, 4).Select(_ => b.NextUInt64()));
        Assert.Throws<InvalidDataException>(() => b.SetState(new ulong[4]));
        Assert.Throws<InvalidDataException>(() => b.SetState(new ulong[3]));
    }

    [Fact]
    public void Adam_continues_from_its_captured_state()
    {
        var settings = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 0.1 };
        double[] p1 = [1, -2, 3], p2 = [1, -2, 3], g = [0.5, -0.25, 2];
        var a = new Optimizer<double>(settings, [3]);
        a.Step([p1], [g]);
        a.Step([p1], [g]);
        var b = new Optimizer<double>(settings, [3]);
        b.Step([p2], [g]);
        b.Step([p2], [g]);
        var saved = a.Capture();
        a.Step([p1], [g]);
        var c = new Optimizer<double>(settings, [3]);
        c.Restore(saved);
        c.Step([p2], [g]);
        Assert.Equal(p1, p2); // bit for bit: same moments and step count
        Assert.Equal(3, c.Steps);
        Assert.Throws<InvalidDataException>(() => new Optimizer<double>(settings, [4]).Restore(saved));
    }

    [Fact]
    public void Float_adam_moments_round_trip_through_their_double_form_exactly()
    {
        var settings = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 0.1f };
        float[] p1 = [1, -2, 3, 0.1f], p2 = (float[])p1.Clone(), g = [0.5f, -0.25f, 2, 1e-7f];
        var a = new Optimizer<float>(settings, [4]);
        for (int i = 0; i < 3; i++) a.Step([p1], [g]);
        var saved = a.Capture();
        Assert.All(saved.SecondMoments[0], v => Assert.Equal(v, (double)(float)v)); // float values held in double
        var b = new Optimizer<float>(settings, [4]);
        b.Restore(saved);
        Assert.Equal(saved.FirstMoments[0], b.Capture().FirstMoments[0]);
        Assert.Equal(saved.SecondMoments[0], b.Capture().SecondMoments[0]);
        Array.Copy(p1, p2, p1.Length);
        a.Step([p1], [g]);
        b.Step([p2], [g]);
        Assert.Equal(p1, p2); // bit for bit
    }
}
