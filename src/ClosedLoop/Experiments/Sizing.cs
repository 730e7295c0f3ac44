using ClosedLoop.Training;

namespace ClosedLoop.Experiments;

/// <summary>Adapts preset settings to an experiment size (docs/science/figures-and-studies.md §0.4).</summary>
public static class Sizing
{
    /// <summary>
    /// Smoke size: N = 16, batch 16, at most 30 epochs, T ≤ 12 (tracking: 30 steps), small evaluation sets. Quick and
    /// full keep the settings (the experiment chooses epochs and seeds).
    /// </summary>
    public static RunSettings Apply(RunSettings s, ExperimentSize size)
    {
        if (size != ExperimentSize.Smoke) return s;
        bool tracking = s.Reference is not null;
        int steps = tracking ? 30 : Math.Min(s.Episode.Steps, 12);
        return s with
        {
            Epochs = Math.Min(s.Epochs, 30),
            Network = s.Network with { Hidden = 16, Rank = Math.Min(s.Network.Rank, 16) },
            Episode = s.Episode with { Batch = 16, Steps = steps },
            Reference = tracking ? s.Reference! with { Steps = steps } : null,
            Evaluation = s.Evaluation with { Count = Math.Min(s.Evaluation.Count, 8), Horizons = s.Evaluation.Horizons.Select(h => Math.Min(h, tracking ? steps : 3 * steps)).Distinct().ToList() },
        };
    }
}
