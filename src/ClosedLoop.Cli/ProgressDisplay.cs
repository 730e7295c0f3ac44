using System.Diagnostics;
using ClosedLoop.Controllers;
using ClosedLoop.Training;
using Spectre.Console;

namespace ClosedLoop.Cli;

/// <summary>
/// Training progress: a live bar (epoch, loss, spectral radius, time left) in a terminal; plain progress lines when
/// the output is redirected (CI logs). Nothing else is written to the console while a live bar is shown.
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(TextWriter output, Func<Func<RunSettings, IRunObserver>, T> body)
    {
        if (Console.IsOutputRedirected || output != Console.Out)
            return body(s => new LineProgress(output, s));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = body(s => new BarProgress(ctx.AddTask(Label(s), maxValue: s.Epochs), s)));
        return result;
    }

    private static string Label(RunSettings s) => $"{s.Preset} {(s.Mode == LoopMode.Open ? "open" : "closed")} seed {s.Seed}";

    private static string Status(EpochRecord r, int rhoIndex)
    {
        var rho = rhoIndex >= 0 ? r.Metrics[rhoIndex] : null;
        return $"epoch {r.Epoch + 1} loss {r.Loss.Total:G4}" + (rho is { } x ? $" rho {x:F4}" : "");
    }

    private sealed class BarProgress(ProgressTask task, RunSettings s) : IRunObserver
    {
        private int _rho = -1;

        public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> columns) => _rho = IndexOf(columns, "spectral_radius");

        public void OnEpoch(EpochRecord r)
        {
            task.Description = Markup.Escape($"{Label(s)}: {Status(r, _rho)}");
            task.Value = r.Epoch + 1;
        }

        public void OnSnapshot(int epoch, NetworkParameters parameters) { }
    }

    private sealed class LineProgress(TextWriter output, RunSettings s) : IRunObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _rho = -1;
        private double _lastPrint = double.NegativeInfinity;

        public void Begin(RunSettings settings, IReadOnlyList<MetricColumn> columns)
        {
            _rho = IndexOf(columns, "spectral_radius");
            output.WriteLine($"training {Label(s)}: {s.Epochs} epochs");
        }

        public void OnEpoch(EpochRecord r)
        {
            double t = _clock.Elapsed.TotalSeconds;
            bool last = r.Epoch == s.Epochs - 1;
            if (!last && t - _lastPrint < 5 && r.Epoch != 0) return;
            _lastPrint = t;
            double left = (s.Epochs - r.Epoch - 1) * t / (r.Epoch + 1);
            output.WriteLine($"  {Label(s)}: {Status(r, _rho)} ({100.0 * (r.Epoch + 1) / s.Epochs:F0}%, {t:F0}s elapsed, ~{left:F0}s left)");
        }

        public void OnSnapshot(int epoch, NetworkParameters parameters) { }
    }

    private static int IndexOf(IReadOnlyList<MetricColumn> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++) if (columns[i].Name == name) return i;
        return -1;
    }
}
