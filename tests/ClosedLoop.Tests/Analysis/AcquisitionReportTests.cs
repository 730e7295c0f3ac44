using ClosedLoop.Analysis;
using ClosedLoop.Environments;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Analysis;

public class AcquisitionReportTests
{
    /// <summary>Rewrites the probe columns of a tracking run's metrics.csv with L_i(epoch) where recorded.</summary>
    private static void SetProbeLosses(string dir, Func<int, int, double> loss)
    {
        string path = Path.Combine(dir, "metrics.csv");
        var t = CsvTable.Read(path);
        var cols = Enumerable.Range(1, 4).Select(i => t.ColumnIndex($"probe_loss_{i}")).ToArray();
        var rows = t.Rows.Select((row, e) => (IReadOnlyList<object?>)row.Select((cell, c) =>
        {
            int i = Array.IndexOf(cols, c);
            return i < 0 || cell.Length == 0 ? (object?)(cell.Length == 0 ? null : cell) : loss(i + 1, e);
        }).ToArray()).ToArray();
        CsvWriter.WriteTable(path, t.Header, rows);
    }

    [Fact]
    public void A_staircase_of_probe_losses_gives_acquisition_epochs_in_frequency_order()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tracking, out var dir);
        // Probe i drops below θ = 1 at epoch 4i; probe 1 rises to 0.9 while probe 2 is acquired (epoch 8).
        SetProbeLosses(dir, (i, e) => e < 4 * i ? 2.6 : i == 1 && e == 8 ? 0.9 : 0.5);
        var run = RunDirectory.Open(dir);
        var r = AcquisitionReport.Of(run, new AcquisitionSettings { InterferenceWindow = 2 })!;
        Assert.Equal(11, r.RecordedEpochs); // every 2 epochs and the last one (19)
        Assert.Equal(new int?[] { 4, 8, 12, 16 }, r.Frequencies.Select(f => f.AcquisitionEpoch));
        Assert.Equal(new double?[] { 0.2, 0.4, 0.6, 0.8 }, r.Frequencies.Select(f => f.NormalizedTime));
        Assert.Equal(new[] { 0.1, 0.2, 0.3, 0.4 }, r.Frequencies.Select(f => f.FrequencyHz));   // paper task, increasing
        Assert.Equal(new[] { Axis.X, Axis.Y, Axis.X, Axis.Y }, r.Frequencies.Select(f => f.Axis));
        Assert.True(r.InFrequencyOrder);
        // Interference of acquiring ω₂ (e = 8, Δ = 2) on ω₁: max over [6, 10] of L₁ / L₁(6) − 1 = 0.9/0.5 − 1.
        var i21 = r.Interference.Single(x => x.Acquired == 2 && x.Earlier == 1);
        Assert.Equal(0.9 / 0.5 - 1, i21.Value!.Value, 12);
        Assert.Equal(1 + 2 + 3, r.Interference.Count);
    }

    [Fact]
    public void Acquisition_out_of_order_or_missing_is_reported()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tracking, out var dir);
        SetProbeLosses(dir, (i, e) => i == 1 ? 2.6 : e < 20 - 4 * i ? 2.6 : 0.5);
        var r = AcquisitionReport.Of(RunDirectory.Open(dir), new AcquisitionSettings())!;
        Assert.Null(r.Frequencies[0].AcquisitionEpoch);
        Assert.False(r.InFrequencyOrder);
        var stricter = AcquisitionReport.Of(RunDirectory.Open(dir), new AcquisitionSettings { Threshold = 0.4 })!;
        Assert.All(stricter.Frequencies, f => Assert.Null(f.AcquisitionEpoch));
    }

    [Fact]
    public void Runs_without_probes_have_no_report()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.Tanh, out var dir);
        Assert.Null(AcquisitionReport.Of(RunDirectory.Open(dir), new AcquisitionSettings()));
    }
}
