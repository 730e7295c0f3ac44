using System.CommandLine;
using ClosedLoop.Analysis;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop analyze RUN_DIR [--stage3-from EPOCH] [--set analysis.key=value ...]</c>: writes
/// <c>RUN_DIR/analysis/</c>, adds the stage boundaries to summary.json and prints a short report. An open-loop run's
/// <c>teacher/</c> is analysed (and written) before the student, so the student's manifest hashes cover it.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("run_dir") { Description = "a finished run directory (closedloop train --out)" };
        var from = new Option<int?>("--stage3-from") { Description = "snapshot epoch the Stage-3 reduced model starts from (default: the stabilisation epoch)" };
        var sets = new Option<string[]>("--set") { Description = "change an analysis setting: --set analysis.spectral_detector.persistence=8 (repeatable)" };
        var cmd = new Command("analyze", "Analyse a run directory: spectra, order parameters, stages, reduced models, gains, tracking acquisition.")
        {
            dir, from, sets,
        };
        cmd.SetAction(parse =>
        {
            var settings = AnalysisSettings.FromAssignments(parse.GetValue(sets) ?? []);
            if (parse.GetValue(from) is { } f) settings = settings with { Stage3 = settings.Stage3 with { From = f } };
            string path = parse.GetValue(dir)!;
            var output = parse.InvocationConfiguration.Output;
            var result = RunAnalysis.Analyze(path, settings); // checks the run and the settings before anything is written
            if (result.Run.Mode == LoopMode.Open) AnalyzeTeacher(result.Directory, settings with { Stage3 = settings.Stage3 with { From = null } }, output);
            AnalysisWriter.Write(result);
            foreach (var line in AnalysisReport.Lines(result)) output.WriteLine(line);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static void AnalyzeTeacher(RunDirectory run, AnalysisSettings settings, TextWriter output)
    {
        if (run.TeacherDirectory is { } teacher)
        {
            var t = RunAnalysis.Analyze(teacher, settings);
            AnalysisWriter.Write(t);
            foreach (var line in AnalysisReport.Lines(t)) output.WriteLine(line);
            output.WriteLine();
        }
        else if (run.Summary.Teacher is { } given)
            output.WriteLine($"the teacher of this open-loop run is '{given}': analyse it with 'closedloop analyze {given}'");
    }
}
