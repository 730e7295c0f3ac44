using ClosedLoop.Analysis;
using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Analysis;

public class RunDirectoryTests
{
    [Fact]
    public void A_run_reads_back_its_settings_metrics_spectra_and_snapshots()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        var run = RunDirectory.Open(dir);
        Assert.Equal("lowrank", run.Settings.Preset);
        Assert.Equal(7, run.Settings.Seed);
        Assert.Equal(10, run.Settings.Network.Hidden);
        Assert.Equal(100, run.EpochCount);
        Assert.Equal(run.EpochCount, run.Loss().Length);
        Assert.Equal(run.Summary.FinalLoss, run.Loss()[^1]);

        var eig = run.Eigenvalues("eig_p")!;
        Assert.Equal(Enumerable.Range(0, 100), eig.Epochs);
        Assert.All(eig.Rows, r => Assert.Equal(3, r.Length)); // the rank-1 model records its three cubic roots
        var rho = run.Column("spectral_radius")!;
        for (int e = 0; e < 100; e++) Assert.Equal(rho[e]!.Value, eig.Rows[e][0].Magnitude);

        // Snapshot e holds the weights after e updates: its order parameters are metrics row e.
        var o = OrderParameters.Of(run.Snapshot(42)!);
        Assert.Equal(run.Column("sigma_zm")![42], o.SigmaZm);
        Assert.Equal(run.Column("sigma_vu")![42], o.SigmaVu);
        Assert.NotNull(run.Final());
        Assert.Null(run.Snapshot(100));
        Assert.Null(run.Eigenvalues("eig_w"));
        Assert.Null(run.Column("probe_loss_1"));
    }

    [Fact]
    public void An_open_loop_run_knows_its_teacher()
    {
        using var tmp = AnalysisRuns.CopyOf(AnalysisRuns.TanhOpen, out var dir);
        var run = RunDirectory.Open(dir);
        Assert.Equal(LoopMode.Open, run.Settings.Mode);
        Assert.Equal(Path.Combine(dir, "teacher"), run.TeacherDirectory);
        Assert.Equal(LoopMode.Closed, RunDirectory.Open(run.TeacherDirectory!).Settings.Mode);
        Assert.True(run.HasColumn("imitation_cost"));
    }

    [Fact]
    public void A_directory_that_is_not_a_finished_run_is_refused_naming_what_is_missing()
    {
        using var tmp = new TempDirectory();
        var e = Assert.Throws<ArgumentException>(() => RunDirectory.Open(tmp.Path));
        Assert.Contains("not a finished run directory", e.Message);
        Assert.Contains(RunManifest.FileName, e.Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => RunDirectory.Open(tmp.File("nothing"))).Message);

        using var copy = AnalysisRuns.CopyOf(AnalysisRuns.RankOne, out var dir);
        string metrics = Path.Combine(dir, "metrics.csv");
        File.WriteAllText(metrics, "epoch,loss\n0,1,2\n");
        Assert.Contains("metrics.csv is not readable", Assert.Throws<ArgumentException>(() => RunDirectory.Open(dir)).Message);
        File.WriteAllText(metrics, "epoch,loss\n0,1\n2,1\n");
        Assert.Contains("row 2 has epoch 2", Assert.Throws<ArgumentException>(() => RunDirectory.Open(dir)).Message);
        File.Delete(Path.Combine(dir, RunManifest.FileName)); // an interrupted run: the manifest is written last
        Assert.False(RunDirectory.IsFinishedRun(dir));
        Assert.Contains("interrupted", Assert.Throws<ArgumentException>(() => RunDirectory.Open(dir)).Message);
    }
}
