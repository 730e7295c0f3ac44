using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ClosedLoop.Analysis;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>The short text report of <c>closedloop analyze</c>: stages, stabilisation, reduced-model checks, acquisition.</summary>
internal static class AnalysisReport
{
    public static IEnumerable<string> Lines(AnalysisResult r)
    {
        var id = r.Run;
        yield return $"analysis of {r.Directory.Path} ({id.Preset}, {(id.Mode == LoopMode.Open ? "open" : "closed")} loop, seed {id.Seed}, {id.Epochs} epochs) written to {r.Directory.AnalysisDirectory}";
        var st = r.Stages;
        var sp = st.Spectral;
        yield return sp.DetectorApplied
            ? $"stages (spectral detector on {Snake(sp.Source)} spectra, p = {sp.Settings.Persistence}): stage 1 ends at epoch {E(sp.Stage1EndEpoch)}, "
              + $"persistent crossing at {E(sp.PersistentCrossingEpoch)}, strict stabilisation at {E(sp.StabilizationEpoch)}, growth G = {N(sp.Growth)}, three stages: {YesNo(sp.ThreeStages)}"
            : $"stages: spectral detector not applied ({sp.Reason}); strict stabilisation of P at {E(sp.StabilizationEpoch)}";
        if (st.GainSystem is { } g)
            yield return $"gain system P_red(k_eff): strict stabilisation at {E(g.StabilizationEpoch)}, persistent crossing at {E(g.PersistentCrossingEpoch)}";
        if (st.Stage2EndSource is { } source) yield return $"stage 2/3 boundary: epoch {E(st.Stage2EndEpoch)} (from the {source.Replace('_', ' ')})";
        if (st.TrainingLoss.Derivative is { } d)
        {
            var m = st.TrainingLoss.SegmentedRegression[0];
            yield return $"loss-based (training loss): derivative stage1_end {E(d.Stage1EndEpoch)}, plateau_end {E(d.PlateauEndEpoch)} ({Snake(d.ExitReason)}); "
                + $"segmented ({m.Variant}) boundaries {E(m.Boundary1Epoch)}, {E(m.Boundary2Epoch)}, three stages: {YesNo(m.ThreeStages)}";
        }
        foreach (var c in st.Comparison.Where(c => c.Disagree))
            yield return $"  disagree: {c.Boundary} spectral {E(c.Spectral)} vs {c.LossDetector} {E(c.LossBased)}";
        if (st.OpenLoopPeak is { InputFinite: true } peak)
            yield return $"open-loop deployed loss: peak {N(peak.Peak)} at epoch {E(peak.PeakEpoch)} ({N(peak.PeakOverInitial)} x initial), separation epoch {E(peak.SeparationEpoch)}";
        if (r.Stage3 is { } s3)
        {
            var ratios = string.Join(", ", s3.Ratios.Select(x => $"+{x.RestartEpoch}: {N(x.Ratio)} (windowed {N(x.WindowedRatio)})"));
            yield return $"stage 3 check from epoch {s3.StartEpoch} ({s3.StartRule.Replace('_', ' ')}): reduced/full loss {ratios}; median {N(s3.MedianRatio)}";
            yield return $"  final spectra: reduced {Roots(s3.ReducedFinalSpectrum)}; full {(s3.FullFinalSpectrum is { } f ? Roots(f) : "n/a")}";
        }
        if (r.Stage2 is { } s2)
            yield return $"stage 2 descent from epoch {s2.StartEpoch}: " + string.Join("; ", s2.Paths.Select(p =>
                $"alpha {N(p.Alpha)} Im {(p.ImaginaryChange >= 0 ? "+" : "")}{N(p.ImaginaryChange)} ({(p.ImaginaryChange >= 0 ? "up" : "down")})"
                + (p.FirstInsideUnitDisk is { } k ? $", inside unit disk at step {k}" : "")));
        if (r.Acquisition is { } acq)
        {
            yield return $"acquisition (threshold {N(acq.Settings.Threshold)}): " + string.Join(", ", acq.Frequencies.Select(f =>
                $"{N(f.FrequencyHz)} Hz at epoch {E(f.AcquisitionEpoch)}" + (f.NormalizedTime is { } t ? $" ({N(t)} of E)" : "")))
                + $"; in frequency order: {YesNo(acq.InFrequencyOrder)}";
        }
        foreach (var note in r.Notes) yield return $"note: {note}";
    }

    private static string E(int? epoch) => epoch?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string N(double? x) => x is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string Roots(IEnumerable<Complex> roots) =>
        "[" + string.Join(", ", roots.Select(z => z.Imaginary == 0 ? N(z.Real) : $"{N(z.Real)}{(z.Imaginary < 0 ? "-" : "+")}{N(Math.Abs(z.Imaginary))}i")) + "]";

    private static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
