using System.CommandLine;
using ClosedLoop.Analysis;
using ClosedLoop.Reporting;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop analyze RUN_DIR [--stage3-from EPOCH] [--set analysis.key=value ...] [--trust-edits]</c>: locks the run
/// directory, checks its files against the SHA-256 of its manifest, writes <c>RUN_DIR/analysis/</c>, adds the stage
/// boundaries to summary.json and prints a short report. An open-loop run's <c>teacher/</c> is analysed (and written)
/// before the student, so the student's manifest hashes cover it.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("run_dir") { Description = "a finished run directory (closedloop train --out)" };
        var from = new Option<int?>("--stage3-from") { Description = "snapshot epoch the Stage-3 reduced model starts from (default: the stabilisation epoch)" };
        var sets = new Option<string[]>("--set") { Description = "change an analysis setting: --set analysis.spectral_detector.persistence=8 (repeatable)" };
        var trust = new Option<bool>("--trust-edits") { Description = "analyse files that no longer match the SHA-256 of the run's manifest (edited after training); the manifest keeps the original hashes" };
        var cmd = new Command("analyze", "Analyse a run directory: spectra, order parameters, stages, reduced models, gains, tracking acquisition.")
        {
            dir, from, sets, trust,
        };
        cmd.SetAction(parse =>
        {
            var settings = AnalysisSettings.FromAssignments(parse.GetValue(sets) ?? []);
            if (parse.GetValue(from) is { } f) settings = settings with { Stage3 = settings.Stage3 with { From = f } };
            string path = parse.GetValue(dir)!;
            var policy = parse.GetValue(trust) ? EditedInputs.Trust : EditedInputs.Refuse;
            var output = parse.InvocationConfiguration.Output;
            OutputPaths.CheckExistingDirectory("RUN_DIR", path, "a run directory");
            using var held = DirectoryLock.Acquire(path, "closedloop analyze");
            var edited = ManifestCheck.Verify(path, policy, IsAnalysisOutput);
            var result = WithEdits(RunAnalysis.Analyze(path, settings), edited); // checks the run and the settings before anything is written
            IEnumerable<string> teacherFiles = [];
            if (result.Run.Mode == LoopMode.Open)
                teacherFiles = AnalyzeTeacher(result.Directory, settings with { Stage3 = settings.Stage3 with { From = null } }, policy, output);
            AnalysisWriter.Write(result, teacherFiles);
            foreach (var line in AnalysisReport.Lines(result)) output.WriteLine(line);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Files the analysis itself writes (here or in a teacher/ sub-run): not inputs, so not verified.</summary>
    private static bool IsAnalysisOutput(string relative) =>
        relative.StartsWith(RunDirectory.AnalysisFolder + "/", StringComparison.Ordinal) || relative.Contains("/" + RunDirectory.AnalysisFolder + "/", StringComparison.Ordinal);

    private static AnalysisResult WithEdits(AnalysisResult r, IReadOnlyList<string> edited) => edited.Count == 0 ? r
        : r with { Notes = [.. r.Notes, $"analysed with --trust-edits: {string.Join(", ", edited)} did not match the manifest (its hashes were left as they were)"] };

    /// <summary>Analyses and writes the teacher sub-run; returns the files of the student's directory it changed.</summary>
    private static IEnumerable<string> AnalyzeTeacher(RunDirectory run, AnalysisSettings settings, EditedInputs policy, TextWriter output)
    {
        if (run.TeacherDirectory is { } teacher)
        {
            using var held = DirectoryLock.Acquire(teacher, "closedloop analyze");
            var t = WithEdits(RunAnalysis.Analyze(teacher, settings), ManifestCheck.Verify(teacher, policy, IsAnalysisOutput));
            AnalysisWriter.Write(t);
            foreach (var line in AnalysisReport.Lines(t)) output.WriteLine(line);
            output.WriteLine();
            return AnalysisWriter.ChangedFilesOf("teacher");
        }
        if (run.Summary.Teacher is { } given)
            output.WriteLine($"the teacher of this open-loop run is '{given}': analyse it with 'closedloop analyze {given}'");
        return [];
    }
}
