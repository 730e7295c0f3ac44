namespace ClosedLoop.Experiments;

/// <summary>
/// Every experiment by name, in the order <c>reproduce all</c> runs them: every non-abstract <see cref="IExperiment"/>
/// of this assembly with a parameterless constructor, ordered by <see cref="Order"/> (others after, by name).
/// </summary>
public static class ExperimentRegistry
{
    /// <summary>The running order of the paper's figures, studies and protocols.</summary>
    public static readonly IReadOnlyList<string> Order =
        ["fig1c", "fig2", "fig3", "fig4", "fig5", "fig6", "beta", "horizon", "adam", "nonlinear", "paired", "robustness", "tradeoff", "generalisation"];

    private static readonly Lazy<IReadOnlyList<IExperiment>> Items = new(Discover);

    /// <summary>All registered experiments.</summary>
    public static IReadOnlyList<IExperiment> All => Items.Value;

    /// <summary>The experiment called <paramref name="name"/>; a clear error listing the names otherwise.</summary>
    public static IExperiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"experiment = '{name}' is not known: allowed names are all, {string.Join(", ", All.Select(e => e.Name))}");

    private static IReadOnlyList<IExperiment> Discover() =>
        typeof(IExperiment).Assembly.GetTypes()
            .Where(t => typeof(IExperiment).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IExperiment)Activator.CreateInstance(t)!)
            .OrderBy(e => Order.Contains(e.Name) ? Order.ToList().IndexOf(e.Name) : int.MaxValue)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
}
