namespace ClosedLoop.Training;

/// <summary>
/// Upper bounds on every count a user can type (docs/errors-and-limits.md). These are hard bounds, checked by the
/// settings' <c>Validated()</c> methods and the commands: past them the program could not represent the request (a
/// matrix or a buffer larger than the largest .NET array) or the request is certainly a typo. Whether a request
/// within them fits the machine is decided by <see cref="ResourceBudget"/>, which <c>--allow-large</c> can override.
/// </summary>
public static class SizeLimits
{
    /// <summary>Elements of the largest .NET array (<see cref="Array.MaxLength"/>).</summary>
    public static readonly long MaxArray = Array.MaxLength;

    /// <summary>Epochs of one run.</summary>
    public const int MaxEpochs = 100_000_000;

    /// <summary>Hidden units N: N + plant size must keep the joint matrix P, (N + k)², inside one array.</summary>
    public const int MaxHidden = 40_000;

    /// <summary>Plant state size, controls and observed components; network inputs and outputs.</summary>
    public const int MaxPlantSize = 1_000;

    /// <summary>Episode steps T, batch size, evaluation count, horizons and reference steps.</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>Batch size and evaluation count.</summary>
    public const int MaxBatch = 10_000_000;

    /// <summary>Entries of a list setting (horizons, snapshot epochs, reference components).</summary>
    public const int MaxListLength = 100_000;

    /// <summary>Seeds of one reproduction (<c>reproduce --seeds</c>).</summary>
    public const int MaxSeeds = 10_000;

    /// <summary>Threads of one run (<c>--threads</c>), runs at once (<c>--jobs</c>), concurrent speed runs (<c>bench --runs</c>).</summary>
    public const int MaxThreads = 256;

    /// <summary>Order of the integrator chain of <c>closedloop lqr</c>: beyond about 15 integrators no stabilising
    /// solution is found in double precision, and the search then takes minutes.</summary>
    public const int MaxLqrOrder = 64;

    /// <summary>Throws naming <paramref name="field"/> when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Count(string field, long value, long min, long max, string? why = null)
    {
        if (value < min) throw new ArgumentException($"{field} = {value} is not allowed: it must be >= {min}");
        if (value > max) throw new ArgumentException($"{field} = {value} is not allowed: it must be <= {max}{(why is null ? "" : $" ({why})")}");
    }

    /// <summary>Bounds that involve several settings: every rollout buffer must fit in one array.</summary>
    public static void CheckProducts(RunSettings s, int stateSize)
    {
        ArgumentNullException.ThrowIfNull(s);
        long width = Math.Max(s.Network.Hidden, Math.Max(s.Network.Inputs, stateSize));
        Product("episode.steps × episode.batch × network.hidden", [s.Episode.Steps + 1L, s.Episode.Batch, width]);
        int horizon = Math.Max(s.Episode.Steps, s.Evaluation.Horizons.Count == 0 ? 0 : s.Evaluation.Horizons.Max());
        Product("evaluation horizon × evaluation.count × network.hidden", [horizon + 1L, s.Evaluation.Count, width]);
    }

    private static void Product(string fields, long[] factors)
    {
        double product = factors.Aggregate(1.0, (a, b) => a * b);
        if (product > MaxArray)
            throw new ArgumentException($"{fields} = {string.Join(" × ", factors)} = {product:G3} is not allowed: one rollout buffer would exceed the largest array ({MaxArray} elements); make one of them smaller");
    }
}
