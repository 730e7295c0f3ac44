namespace ClosedLoop.Experiments;

/// <summary>Every experiment by name, in the order <c>reproduce all</c> runs them.</summary>
public static class ExperimentRegistry
{
    private static readonly List<IExperiment> Items = [];

    /// <summary>All registered experiments.</summary>
    public static IReadOnlyList<IExperiment> All => Items;

    /// <summary>The experiment called <paramref name="name"/>; a clear error listing the names otherwise.</summary>
    public static IExperiment Get(string name) =>
        Items.FirstOrDefault(e => e.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"experiment = '{name}' is not known: allowed names are all, {string.Join(", ", Items.Select(e => e.Name))}");

    static ExperimentRegistry()
    {
        Items.Add(new Fig1c());
    }
}
