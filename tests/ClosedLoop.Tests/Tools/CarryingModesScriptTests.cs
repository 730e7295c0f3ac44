using System.Globalization;
using ClosedLoop.Experiments;
using ClosedLoop.Reporting;
using ClosedLoop.Tests.Reporting;
using ClosedLoop.Tests.Support;

namespace ClosedLoop.Tests.Tools;

/// <summary>
/// tools/tracking/carrying_modes.py recomputes the closed-loop mode that carries each acquired frequency from numpy
/// eigenvectors of the joint matrix, where the engine uses residues of the frequency response (docs/findings/tracking-modes.md).
/// One seed of <c>reproduce fig6</c> at the quick size acquires ω₁ and ω₂, so there is something to compare.
/// </summary>
public class CarryingModesScriptTests
{
    [NumpyFact]
    public void The_engine_carrying_modes_agree_with_numpy_eigenvectors_and_a_changed_value_is_caught()
    {
        using var tmp = new TempDirectory();
        Reproduction.Run(["fig6"], new ReproduceSettings(tmp.Path, ExperimentSize.Quick, Seeds: 1, Jobs: 2));
        // another run of the same preset and seed beside fig6's (as `reproduce precision` leaves its float32 twin):
        // the script must read the run fig6's manifest names, not any run whose name matches
        string fig6Run = Directory.GetDirectories(tmp.File("runs"), "tracking-closed-seed0-*").Single();
        Directory.CreateDirectory(tmp.File("runs/tracking-closed-seed0-0000000000/arrays"));
        File.Copy(Path.Combine(fig6Run, "manifest.json"), tmp.File("runs/tracking-closed-seed0-0000000000/manifest.json"));
        var (code, output) = CarryingModes(tmp.Path);
        Assert.True(code == 0, $"exit code {code}:\n{output}");
        Assert.Contains("largest relative deviations", output);
        Assert.True(output.Split('\n').Count(l => l.StartsWith("seed 0 w", StringComparison.Ordinal)) >= 2, output);

        string csv = Path.Combine(tmp.Path, "fig6", "acquisition_modes.csv");
        var table = CsvTable.Read(csv);
        int snapshot = table.ColumnIndex("snapshot"), frequency = table.ColumnIndex("mode_frequency");
        var lines = File.ReadAllLines(csv);
        int row = Enumerable.Range(0, table.Rows.Count).First(r => table.Rows[r][snapshot] != "");
        var cells = lines[row + 1].Split(',');
        cells[frequency] = (double.Parse(cells[frequency], CultureInfo.InvariantCulture) * (1 + 1e-5)).ToString("R", CultureInfo.InvariantCulture);
        lines[row + 1] = string.Join(',', cells);
        File.WriteAllLines(csv, lines);
        (code, output) = CarryingModes(tmp.Path);
        Assert.True(code == 1, $"exit code {code} after changing one mode frequency by 1e-5:\n{output}");
    }

    [NumpyFact]
    public void A_table_without_acquisitions_is_nothing_to_check_not_a_pass()
    {
        using var tmp = new TempDirectory();
        Directory.CreateDirectory(tmp.File("fig6"));
        File.WriteAllText(tmp.File("fig6/acquisition_modes.csv"), "seed,i,omega,snapshot,mode_frequency\n0,1,0.628,,\n");
        var (code, output) = CarryingModes(tmp.Path);
        Assert.True(code == 1, $"exit code {code}:\n{output}");
        Assert.Contains("nothing to check", output);
    }

    private static (int Code, string Output) CarryingModes(string reproduction)
    {
        int code = PythonNumpy.RunFile(Repository.PathOf("tools", "tracking", "carrying_modes.py"), out string output, reproduction);
        return (code, output);
    }
}
