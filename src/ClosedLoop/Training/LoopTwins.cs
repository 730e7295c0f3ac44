namespace ClosedLoop.Training;

/// <summary>
/// The open/closed twins of a run: the same settings in the other loop mode, named by the preset convention
/// (<c>tanh</c> ↔ <c>tanh-open</c>). An open-loop run imitates the closed-loop run of its <see cref="ClosedTwin"/>
/// settings (its teacher), so the twins start from the same weights and share their evaluation set.
/// </summary>
public static class LoopTwins
{
    /// <summary>The open-loop twin of <paramref name="s"/> (itself if it is open already).</summary>
    public static RunSettings OpenTwin(this RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Mode == LoopMode.Open ? s : s with { Mode = LoopMode.Open, Preset = ClosedName(s.Preset) + "-open" };
    }

    /// <summary>The closed-loop twin of <paramref name="s"/>: for an open-loop run, its teacher.</summary>
    public static RunSettings ClosedTwin(this RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s with { Mode = LoopMode.Closed, Preset = ClosedName(s.Preset) };
    }

    /// <summary>A preset name without its "-open" suffix.</summary>
    public static string ClosedName(string preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset.EndsWith("-open", StringComparison.Ordinal) ? preset[..^5] : preset;
    }
}
