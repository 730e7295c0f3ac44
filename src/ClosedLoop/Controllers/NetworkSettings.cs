using System.Text.Json.Serialization;
namespace ClosedLoop.Controllers;

/// <summary>Element-wise nonlinearity φ of the recurrent network (docs/science/model-and-training.md §2.2).</summary>
public enum Activation { Linear, Tanh, Relu }

/// <summary>Structure of the recurrent weights (docs/science/model-and-training.md §2.3).</summary>
public enum Recurrence
{
    /// <summary>A dense trainable N×N matrix.</summary>
    Dense,
    /// <summary><c>W = U Vᵀ + dense part</c>, where the dense part starts as the fixed random bulk g·W_rand.</summary>
    LowRank,
}

/// <summary>The parameter blocks of a network; used as a flags set to say which blocks train.</summary>
[Flags]
public enum ParameterBlocks
{
    None = 0,
    /// <summary>W_ih (row form, n_in×N); the paper's m (column form M = W_ihᵀ).</summary>
    InputWeights = 1,
    /// <summary>The dense recurrent matrix W_hh (row form); for low-rank networks the dense part (the bulk).</summary>
    RecurrentWeights = 2,
    /// <summary>Low-rank output directions U (N×R), the paper's u.</summary>
    LowRankU = 4,
    /// <summary>Low-rank selection vectors V (N×R), the paper's v.</summary>
    LowRankV = 8,
    /// <summary>W_ho (row form, N×n_u); the paper's z.</summary>
    ReadoutWeights = 16,
    HiddenBias = 32,
    OutputBias = 64,
    All = InputWeights | RecurrentWeights | LowRankU | LowRankV | ReadoutWeights | HiddenBias | OutputBias,
}

/// <summary>Initialisation schemes of docs/science/model-and-training.md §2.5.</summary>
public enum InitScheme
{
    /// <summary>I-LR: m, z ~ U(±1/√N); u, v ~ N(0, 1/N); bulk g·G.</summary>
    RankOnePaper,
    /// <summary>I-NL: W_ih, W_ho ~ N(0, (1/N)²); W_hh = g·G (the published "small-scale" initialisation).</summary>
    SmallScale,
    /// <summary>I-TR: W_ih, W_ho ~ U(±1/√N); W_hh = g·G.</summary>
    TrackingPaper,
    /// <summary>I-RP: each block ~ N(0, (s/√N)²) with scales (s_in, s_rec, s_out).</summary>
    Reproduction,
    /// <summary>I-RP-LR: u, v ~ N(0, 1/N); bulk N(0, (s_rec/√N)²) fixed; W_ih, W_ho ~ N(0, (s_out/√N)²).</summary>
    ReproductionLowRank,
}

/// <summary>
/// Settings of the leaky recurrent controller (docs/science/model-and-training.md §2.1):
/// <c>h_t = (1−γ) h_{t−1} + γ φ(W h_{t−1} + M o_t + b_h)</c>, <c>u_t = Z h_t + b_o</c>, with γ = dt/τ.
/// </summary>
public sealed record NetworkSettings
{
    /// <summary>Hidden units N.</summary>
    public int Hidden { get; init; } = 100;
    /// <summary>Controller inputs n_in (observations plus exogenous channels).</summary>
    public int Inputs { get; init; } = 1;
    /// <summary>Controller outputs n_u.</summary>
    public int Outputs { get; init; } = 1;
    public Activation Activation { get; init; } = Activation.Linear;
    /// <summary>Network step dt (the leak is γ = Dt / Tau).</summary>
    public double Dt { get; init; } = 1.0;
    /// <summary>Network time constant τ.</summary>
    public double Tau { get; init; } = 1.0;
    public Recurrence Recurrence { get; init; } = Recurrence.Dense;
    /// <summary>Rank R of the low-rank part (ignored for dense recurrence).</summary>
    public int Rank { get; init; } = 1;
    /// <summary>Gain g of the fixed random bulk g·W_rand (low-rank) or of the dense initial matrix (I-NL, I-TR).</summary>
    public double BulkGain { get; init; }
    public ParameterBlocks Trainable { get; init; } = ParameterBlocks.InputWeights | ParameterBlocks.RecurrentWeights | ParameterBlocks.ReadoutWeights;
    public InitScheme Init { get; init; } = InitScheme.SmallScale;
    public double InputScale { get; init; } = 0.1;
    public double RecurrentScale { get; init; } = 0.1;
    public double OutputScale { get; init; } = 0.1;
    /// <summary>The "over" construction: when set, z is rebuilt so that σ_zm = zᵀm equals this value exactly.</summary>
    public double? OverlapTarget { get; init; }

    /// <summary>Leak γ = dt/τ.</summary>
    [JsonIgnore]
    public double Gamma => Dt / Tau;

    /// <summary>Checks every field; throws naming the field, the value and what is allowed.</summary>
    public NetworkSettings Validated()
    {
        Training.SizeLimits.Count("network.hidden", Hidden, 1, Training.SizeLimits.MaxHidden, "the N×N recurrent matrix and the joint matrix must fit in one array");
        Training.SizeLimits.Count("network.inputs", Inputs, 1, Training.SizeLimits.MaxPlantSize);
        Training.SizeLimits.Count("network.outputs", Outputs, 1, Training.SizeLimits.MaxPlantSize);
        if (!(Dt > 0) || double.IsInfinity(Dt)) throw new ArgumentException($"network.dt = {Dt} is not allowed: it must be a positive finite number");
        if (!(Tau > 0) || double.IsInfinity(Tau)) throw new ArgumentException($"network.tau = {Tau} is not allowed: it must be a positive finite number");
        if (Gamma > 1) throw new ArgumentException($"network.dt/network.tau = {Gamma} is not allowed: the leak must lie in (0, 1]");
        if (Rank > Hidden) Training.SizeLimits.Count("network.rank", Rank, 0, Hidden, "N, network.hidden");
        if (Recurrence == Recurrence.LowRank && (Rank < 1 || Rank > Hidden))
            throw new ArgumentException($"network.rank = {Rank} is not allowed: it must be in [1, {Hidden}] (N)");
        if (double.IsNaN(BulkGain) || double.IsInfinity(BulkGain)) throw new ArgumentException($"network.bulk_gain = {BulkGain} is not allowed: it must be finite");
        if (Recurrence == Recurrence.Dense && (Trainable & (ParameterBlocks.LowRankU | ParameterBlocks.LowRankV)) != 0)
            throw new ArgumentException("network.trainable names u or v but network.recurrence is dense: allowed blocks are input, recurrent, readout, hidden_bias, output_bias");
        if (OverlapTarget is { } s && (double.IsNaN(s) || double.IsInfinity(s)))
            throw new ArgumentException($"network.overlap_target = {s} is not allowed: it must be finite");
        if (OverlapTarget is not null && (Inputs != 1 || Outputs != 1))
            throw new ArgumentException("network.overlap_target needs one input and one output (it sets σ_zm = zᵀm)");
        return this;
    }
}
