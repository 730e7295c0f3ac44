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
public sealed record FigureEntry(string Path, string Caption)
{
    /// <summary>The panel name: the PNG's file name without extension (e.g. <c>fig3a</c>).</summary>
    public string Panel => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The CSV of the plotted data beside the PNG (relative to the output root).</summary>
    public string DataPath => System.IO.Path.ChangeExtension(Path, ".csv");
}

/// <summary>What an experiment produced: its claims, its figures and the runs it read (for its manifest).</summary>
public sealed record ExperimentOutput(IReadOnlyList<Claim> Claims, IReadOnlyList<FigureEntry> Figures)
{
    /// <summary>Every run the experiment read, with its key in the experiment's grid.</summary>
    public IReadOnlyList<GridEntry> Runs { get; init; } = [];
}

/// <summary>
/// One paper figure, study or protocol, registered by name (<see cref="ExperimentRegistry"/>). Implement it by deriving
/// from <see cref="Experiment{TKey, TData}"/> (docs/experiments.md), which runs the four stages plan → measure → judge →
/// draw.
/// </summary>
public interface IExperiment
{
    /// <summary>Registry name, e.g. <c>fig1c</c>.</summary>
    string Name { get; }

    /// <summary>One line: what the experiment shows.</summary>
    string Description { get; }

    /// <summary>Trains or reuses the runs, writes figures and tables into the context's directory, judges the claims.</summary>
    ExperimentOutput Run(ExperimentContext context);
}
