namespace ClosedLoop.Training;

/// <summary>The checkpoint monitors that apply to a run.</summary>
public static class Monitors
{
    /// <summary>
    /// Deployed losses always; spectra when a joint matrix or a network spectrum is requested; order parameters for
    /// rank-1 networks; effective gains for two-state, one-control plants; probe losses and, for linear networks, the
    /// closed-loop frequency response for tracking runs.
    /// </summary>
    public static IReadOnlyList<ICheckpointMonitor> For(RunSettings s)
    {
        var eval = new EvaluationRollout(s);
        var list = new List<ICheckpointMonitor> { new DeployedLossMonitor(s, eval) };
        if (s.Evaluation.Spectra != SpectrumKinds.None && s.Evaluation.SpectrumEvery > 0) list.Add(new SpectralMonitor(s));
        if (OrderParameterMonitor.Applies(s.LearnerNetwork)) list.Add(new OrderParameterMonitor());
        if (GainMonitor.Applies(eval.Plant)) list.Add(new GainMonitor(s, eval));
        if (ProbeMonitor.Applies(s)) list.Add(new ProbeMonitor(s));
        if (FrequencyResponseMonitor.Applies(s, eval.Plant)) list.Add(new FrequencyResponseMonitor(s));
        return list;
    }
}
