using ClosedLoop.Tests.Cli;
using ClosedLoop.Tests.Cli.Commands;
using ClosedLoop.Tests.Reporting;

namespace ClosedLoop.Tests.Sweeps;

public class SweepResultsTests
{
    [NumpyFact]
    public void Pandas_reads_the_results_and_the_summary_with_read_csv_and_nothing_else()
    {
        using var tmp = new TempDirectory();
        string dir = tmp.File("out");
        string spec = SweepCommandTests.WriteSpec(tmp, SweepCommandTests.Spec.Replace("\"modes\": [\"closed\", \"open\"],", "\"modes\": [\"open\"],"));
        Assert.Equal(0, CliRunner.Run("sweep", spec, "--out", dir).ExitCode);
        const string script = """
            import sys, pandas as pd
            r = pd.read_csv(sys.argv[1] + "/results.csv")
            s = pd.read_csv(sys.argv[1] + "/summary.csv")
            assert len(r) == 8 and list(r["status"].unique()) == ["done"], r
            assert r["final_loss"].dtype == "float64" and r["objective.beta"].dtype == "float64"
            assert r["seed"].dtype == "int64" and r["epochs"].dtype == "int64"
            assert r["error"].isna().all() and r["log"].isna().all()  # empty cells are NaN
            assert r.loc[r["mode"] == "closed", "open_loop_peak_ratio"].isna().all()
            assert (r.loc[r["mode"] == "open", "open_loop_peak_ratio"] > 0).all()
            row = s[(s["point"] == 1) & (s["mode"] == "open") & (s["result"] == "final_loss")].iloc[0]
            x = r[(r["point"] == 1) & (r["mode"] == "open")]["final_loss"]
            assert row["count"] == 2 and abs(row["median"] - x.median()) <= 1e-12 * abs(x.median()), (row, x)
            assert abs(row["q3"] - row["q1"] - row["iqr"]) <= 1e-12 * max(1, abs(row["iqr"]))
            assert row["mean_ci95_low"] <= row["mean"] <= row["mean_ci95_high"]
            print("ok")
            """;
        int code = PythonNumpy.Run(script, out string output, dir);
        Assert.True(code == 0, output);
        Assert.Equal("ok", output.Trim());
    }
}
