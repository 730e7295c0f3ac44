namespace ClosedLoop.Training;

/// <summary>What the controller does at t = 0 (docs/science/model-and-training.md §4).</summary>
public enum FirstControl
{
    /// <summary>The controller is not called at t = 0: u_0 = 0 and h stays 0.</summary>
    Zero,
    /// <summary>The controller reads o_0 and acts at t = 0.</summary>
    ActFromStart,
}

/// <summary>Which state a step is charged with (docs/science/model-and-training.md §4).</summary>
public enum LossTiming
{
    /// <summary>Step t is charged with x_t (x_0 charged, x_T not).</summary>
    BeforeStep,
    /// <summary>Step t is charged with x_{t+1} (x_1..x_T charged).</summary>
    AfterStep,
}

/// <summary>How the initial plant state of each trajectory is drawn.</summary>
public enum InitialStateKind
{
    /// <summary>Every component i.i.d. U(−L, L).</summary>
    UniformBox,
    /// <summary>The same fixed state for every trajectory.</summary>
    Fixed,
    /// <summary>x_0 = 0 (tracking).</summary>
    Zero,
}

/// <summary>Initial-state distribution.</summary>
public sealed record InitialStates(InitialStateKind Kind, double HalfWidth = 1.0, IReadOnlyList<double>? State = null)
{
    public static InitialStates Box(double halfWidth) => new(InitialStateKind.UniformBox, halfWidth);
    public static InitialStates At(params double[] state) => new(InitialStateKind.Fixed, 0, state);
    public static readonly InitialStates Origin = new(InitialStateKind.Zero);

    /// <summary>Checks the distribution; errors name <paramref name="field"/> (the key of this record, e.g. episode.initial_states).</summary>
    public InitialStates Validated(int stateSize, string field = "initial_states")
    {
        if (Kind == InitialStateKind.UniformBox && !(HalfWidth > 0 && double.IsFinite(HalfWidth)))
            throw new ArgumentException($"{field}.half_width = {HalfWidth} is not allowed: it must be > 0 and finite");
        if (Kind == InitialStateKind.Fixed && (State is null || State.Count != stateSize))
            throw new ArgumentException($"{field}.state has {State?.Count ?? 0} values, expected {stateSize} (the plant state size)");
        if (Kind == InitialStateKind.Fixed && State!.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"{field}.state contains a value that is not finite: every value must be a finite number");
        return this;
    }
}

/// <summary>Shape and timing of one episode (one batch of trajectories).</summary>
public sealed record EpisodeSettings
{
    /// <summary>Episode length T in steps.</summary>
    public int Steps { get; init; } = 50;
    /// <summary>Batch size n_b.</summary>
    public int Batch { get; init; } = 100;
    public FirstControl FirstControl { get; init; } = FirstControl.Zero;
    public LossTiming LossTiming { get; init; } = LossTiming.BeforeStep;
    public InitialStates InitialStates { get; init; } = InitialStates.Box(2.0);

    public EpisodeSettings Validated()
    {
        SizeLimits.Count("episode.steps", Steps, 1, SizeLimits.MaxSteps);
        SizeLimits.Count("episode.batch", Batch, 1, SizeLimits.MaxBatch);
        return this;
    }
}
