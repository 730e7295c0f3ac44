using ClosedLoop.Controllers;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Support;

/// <summary>The plants the GRU and ring tests run on.</summary>
public enum PlantChoice { DoubleIntegrator, RingWithVelocity, RingMovingTarget }

/// <summary>Small random problems for the GRU and the ring plant (gradient and identity tests).</summary>
internal static class CellProblems
{
    /// <summary>Initial states near the wrap (ε ≈ ±π, moving outwards) so that rollouts cross it, and one well inside.</summary>
    public static readonly double[] RingStates = [3.0, 1.6, -3.05, -1.4, 0.5, 0.3];

    /// <summary>
    /// The plant of a test. The rings get a strong actuator (f_B = 8, 10): with dt = 0.1 a control moves ε by f_B·dt² per
    /// step, and with f_B = 1 the gradients of the recurrent weights are so small against the loss that central
    /// differences sink into round-off (their error then grows as the step shrinks).
    /// </summary>
    public static IPlant Plant(PlantChoice choice) => choice switch
    {
        PlantChoice.DoubleIntegrator => Plants.DoubleIntegrator(),
        PlantChoice.RingWithVelocity => new RingPlant { Dt = 0.1, FeedbackFactor = 8, Observation = RingObservation.AngleAndVelocity, VelocityPenalty = 0.1 },
        _ => new RingPlant { Dt = 0.1, FeedbackFactor = 10, Observation = RingObservation.Angle, TargetAmplitude = 1.2, TargetFrequency = 0.3, VelocityPenalty = 0.05 },
    };

    /// <summary>A GRU (or, with <paramref name="cell"/> = Rnn, a tanh RNN) of N = 5 with random weights and biases.</summary>
    public static NetworkParameters Network(Cell cell, IPlant plant, ParameterBlocks trainable, int seed)
    {
        var settings = new NetworkSettings
        {
            Cell = cell, Hidden = 5, Inputs = plant.ObservationSize, Outputs = plant.ControlSize, Activation = Activation.Tanh,
            Init = cell == Cell.Gru ? InitScheme.Gru : InitScheme.Reproduction, InputScale = 1.0, RecurrentScale = 1.2, OutputScale = 2.0,
            Trainable = trainable,
        };
        var rng = new RandomStream((ulong)seed);
        var p = Initializer.Create(settings, rng);
        rng.FillNormal(p.HiddenBias, 0, 0.2);
        rng.FillNormal(p.OutputBias, 0, 0.2);
        if (cell == Cell.Gru)
        {
            rng.FillNormal(p.RecurrentBias, 0, 0.2);
            for (int i = 0; i < p.Recurrent.Length; i++) p.Recurrent[i] *= 3; // gates that depend strongly on h: large recurrent gradients
        }
        return p;
    }

    /// <summary>Initial states of <paramref name="batch"/> samples: across the wrap for the ring, U(−1, 1)² for the double integrator.</summary>
    public static BatchDraw Draw(IPlant plant, int batch, int seed)
    {
        var x0 = new double[batch * plant.StateSize];
        if (plant is RingPlant)
            for (int i = 0; i < x0.Length; i++) x0[i] = RingStates[i % RingStates.Length];
        else new RandomStream((ulong)seed).FillUniform(x0, -1, 1);
        return new BatchDraw(batch, x0, null);
    }

    /// <summary>The closed-loop problem: SumDimsMeanBatch state term over T steps, β = 0.05 (MeanBatch).</summary>
    public static ClosedLoopProblem<double> ClosedLoopOn(IPlant plant, NetworkSettings net, FirstControl first, LossTiming timing, int batch = 3, int steps = 7)
    {
        var ep = new EpisodeSettings { Steps = steps, Batch = batch, FirstControl = first, LossTiming = timing };
        var obj = new ObjectiveSettings { StateReduction = StateReduction.SumDimsMeanBatch, StateTime = TimeReduction.Mean, ControlReduction = ControlReduction.MeanBatch, Beta = 0.05 };
        return new ClosedLoopProblem<double>(plant, net, ep, obj, null, SuperpositionUse.Auto, batch);
    }

    /// <summary>One GRU step h' = cell(h, o) of docs/science/model-and-training.md §2.6 in column form with scalar loops, Math.Exp and Math.Tanh.</summary>
    public static double[] ReferenceGruStep(NetworkParameters p, double[] h, double[] o)
    {
        int n = p.N, g = 3 * n;
        double Pre(int gate, int i, bool rec, double[] v) =>
            Enumerable.Range(0, v.Length).Sum(j => (rec ? p.Recurrent : p.Input)[j * g + gate * n + i] * v[j]) + (rec ? p.RecurrentBias : p.HiddenBias)[gate * n + i];
        static double Sigma(double a) => 1 / (1 + Math.Exp(-a));
        var next = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = Sigma(Pre(0, i, false, o) + Pre(0, i, true, h));
            double q = Sigma(Pre(1, i, false, o) + Pre(1, i, true, h));
            double c = Math.Tanh(Pre(2, i, false, o) + r * Pre(2, i, true, h));
            next[i] = (1 - q) * c + q * h[i];
        }
        return next;
    }
}
