using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Tests.Support;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class OpenLoopProblemTests
{
    public static IEnumerable<object[]> Combinations()
    {
        foreach (var act in Enum.GetValues<Activation>())
            foreach (var rec in Enum.GetValues<Recurrence>())
                foreach (var variant in Enum.GetValues<OpenLoopVariant>())
                    foreach (var all in new[] { true, false })
                        yield return [act, rec, variant, all];
    }

    private sealed record Setup(OpenLoopProblem<double> Problem, NetworkParameters Student, NetworkParameters Teacher, BatchDraw Draw, double[]? Xi);

    private static Setup Build(Activation act, Recurrence rec, OpenLoopVariant variant, bool trainAll, int batch = 3, SuperpositionUse sup = SuperpositionUse.Auto, int seed = 4,
        ParameterBlocks? blocks = null)
    {
        var rng = new RandomStream((ulong)seed);
        var trainable = blocks ?? (trainAll
            ? ParameterBlocks.All & ~(rec == Recurrence.Dense ? ParameterBlocks.LowRankU | ParameterBlocks.LowRankV : 0)
            : ParameterBlocks.ReadoutWeights | (rec == Recurrence.Dense ? ParameterBlocks.RecurrentWeights : ParameterBlocks.LowRankV));
        var net = new NetworkSettings
        {
            Hidden = 6, Inputs = 4, Outputs = 2, Activation = act, Dt = 0.1, Tau = 0.25, Recurrence = rec, Rank = 2, BulkGain = 0.5,
            Trainable = trainable, Init = InitScheme.Reproduction, InputScale = 1, RecurrentScale = 1.1, OutputScale = 1,
        };
        var student = Initializer.Create(net, rng);
        var teacher = Initializer.Create(net, rng);
        if (trainAll) rng.FillNormal(student.HiddenBias, 0, 0.1);
        var ep = new EpisodeSettings { Steps = 7, Batch = batch, InitialStates = InitialStates.Origin };
        var obj = new ObjectiveSettings { Task = TaskKind.Tracking, ImitationTime = TimeReduction.Mean, StepWeight = 0.1 };
        var reference = new TrackingReference { Steps = 7, Dt = 0.5 };
        var plant = Plants.PointMass(0.1, 10.0);
        var problem = new OpenLoopProblem<double>(plant, net, ep, obj, reference, variant, sup, batch);
        var draw = BatchSampler.Draw(ep.InitialStates, batch, 4, reference, rng, rng);
        var xi = variant == OpenLoopVariant.WhiteNoise ? problem.DrawNoiseInputs(rng, batch) : null;
        return new Setup(problem, student, teacher, draw, xi);
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Imitation_gradient_matches_central_differences(Activation act, Recurrence rec, OpenLoopVariant variant, bool trainAll)
    {
        var s = Build(act, rec, variant, trainAll);
        var grad = new NetworkParameters(s.Student.Settings);
        s.Problem.Run(s.Student, s.Teacher, s.Draw, s.Xi, grad, null);
        double worst = FiniteDifference.WorstRelativeError(s.Student, grad, q => s.Problem.Run(q, s.Teacher, s.Draw, s.Xi, null, null).Loss.Total);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
    }

    [Fact]
    public void Imitating_oneself_costs_nothing()
    {
        var s = Build(Activation.Tanh, Recurrence.Dense, OpenLoopVariant.TeacherDrivenPlant, false);
        var outcome = s.Problem.Run(s.Teacher, s.Teacher, s.Draw, null, null, null);
        Assert.Equal(0.0, outcome.Loss.Imitation);
    }

    [Theory]
    [InlineData(Recurrence.Dense)]
    [InlineData(Recurrence.LowRank)]
    public void Imitation_gradient_on_the_basis_path_matches_central_differences_for_every_block(Recurrence rec)
    {
        // teacher-driven plant, linear networks, a batch of 30 > 8 basis trajectories: the student's Gram-weighted basis
        // loss is differentiated; every weight block trains (input, dense/bulk recurrent, U, V, readout)
        var s = Build(Activation.Linear, rec, OpenLoopVariant.TeacherDrivenPlant, false, batch: 30, blocks: Problems.WeightBlocks(rec));
        var grad = new NetworkParameters(s.Student.Settings);
        var outcome = s.Problem.Run(s.Student, s.Teacher, s.Draw, null, grad, null);
        Assert.Equal(SimulationPath.Basis, outcome.Path);
        Assert.All(grad.TrainableBlocks(), b => Assert.Contains(b.Values, v => v != 0));
        double worst = FiniteDifference.WorstRelativeError(s.Student, grad, q => s.Problem.Run(q, s.Teacher, s.Draw, null, null, null).Loss.Total);
        Assert.True(worst < FiniteDifference.RelativeTolerance, $"worst relative error {worst:E3}");
    }

    [Theory]
    [InlineData(Recurrence.Dense)]
    [InlineData(Recurrence.LowRank)]
    public void Teacher_driven_basis_matches_the_batch_in_every_block(Recurrence rec)
    {
        var blocks = Problems.WeightBlocks(rec);
        var a = Build(Activation.Linear, rec, OpenLoopVariant.TeacherDrivenPlant, false, batch: 30, blocks: blocks);
        var b = Build(Activation.Linear, rec, OpenLoopVariant.TeacherDrivenPlant, false, batch: 30, sup: SuperpositionUse.Off, blocks: blocks);
        var ga = new NetworkParameters(a.Student.Settings);
        var gb = new NetworkParameters(b.Student.Settings);
        var oa = a.Problem.Run(a.Student, a.Teacher, a.Draw, null, ga, null);
        var ob = b.Problem.Run(b.Student, b.Teacher, b.Draw, null, gb, null);
        Assert.Equal(SimulationPath.Basis, oa.Path);
        Assert.Equal(SimulationPath.Batch, ob.Path);
        Assert.Equal(ob.Loss.Imitation, oa.Loss.Imitation, 1e-10 * ob.Loss.Imitation);
        foreach (var (x, y) in ga.TrainableBlocks().Zip(gb.TrainableBlocks()))
            for (int i = 0; i < x.Values.Length; i++)
                Assert.True(Math.Abs(x.Values[i] - y.Values[i]) <= 1e-9 * (1 + Math.Abs(y.Values[i])), $"{x.Name}[{i}]: {x.Values[i]} vs {y.Values[i]}");
    }
}
