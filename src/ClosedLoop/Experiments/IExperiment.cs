namespace ClosedLoop.Experiments;

/// <summary>Experiment sizes (docs/science/figures-and-studies.md §0.4).</summary>
public enum ExperimentSize
{
    /// <summary>Tiny networks and few epochs: checks the pipeline in unit tests, not the science.</summary>
    Smoke,
    /// <summary>The default: paper settings with fewer seeds and, where an effect shows earlier, fewer epochs.</summary>
    Quick,
    /// <summary>The paper's sizes.</summary>
    Full,
}

/// <summary>A figure written by an experiment: its PNG path (relative to the output root) and a one-line caption.</summary>
public sealed record FigureEntry(string Path, string Caption);

/// <summary>What an experiment produced.</summary>
public sealed record ExperimentOutput(IReadOnlyList<Claim> Claims, IReadOnlyList<FigureEntry> Figures);

/// <summary>
/// One paper figure, study or protocol, registered by name (<see cref="ExperimentRegistry"/>). <see cref="Run"/> trains
/// (through the context's run cache) or reuses its runs, draws its figures with the data beside them, and judges the
/// spec's claims.
/// </summary>
public interface IExperiment
{
    /// <summary>Registry name, e.g. <c>fig1c</c>.</summary>
    string Name { get; }

    /// <summary>One line: what the experiment shows.</summary>
    string Description { get; }

    ExperimentOutput Run(ExperimentContext context);
}
