using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

public class CsvWriterTests
{
    private enum Stability { Stable, UnstableOsc }

    [Fact]
    public void Writes_header_and_cells_with_the_nan_and_missing_conventions()
    {
        using var dir = new TempDirectory();
        string path = dir.File("metrics.csv");
        using (var csv = CsvWriter.Create(path, "epoch", "loss", "spectral_radius", "p_red_class", "note"))
        {
            csv.WriteRow(0, 0.1, null, Stability.UnstableOsc, "a,b");
            csv.WriteRow(1L, double.NaN, double.PositiveInfinity, Stability.Stable, "say \"hi\"");
            csv.WriteRow(2, double.NegativeInfinity, 1e-5, null, "");
            csv.Complete();
        }
        Assert.Equal(
            "epoch,loss,spectral_radius,p_red_class,note\n" +
            "0,0.1,,unstable_osc,\"a,b\"\n" +
            "1,nan,inf,stable,\"say \"\"hi\"\"\"\n" +
            "2,-inf,1E-05,,\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Doubles_round_trip_exactly_through_the_reader()
    {
        using var dir = new TempDirectory();
        double[] values = [0.1 + 0.2, Math.PI, -0.0, double.Epsilon, double.MaxValue, 1.0 / 3, double.NaN];
        string path = dir.File("r.csv");
        using (var csv = CsvWriter.Create(path, "v"))
        {
            foreach (double v in values) csv.WriteRow([v]);
            csv.Complete();
        }
        double?[] back = CsvTable.Read(path).Doubles("v");
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back[i]!.Value));
    }

    [Fact]
    public void Missing_and_nan_stay_distinguishable_on_reading()
    {
        using var dir = new TempDirectory();
        CsvWriter.WriteTable(dir.File("t.csv"), ["x"], [[null], [double.NaN]]);
        double?[] x = CsvTable.Read(dir.File("t.csv")).Doubles("x");
        Assert.Null(x[0]);
        Assert.True(double.IsNaN(x[1]!.Value));
    }

    [Fact]
    public void Uncompleted_writer_leaves_no_target_file()
    {
        using var dir = new TempDirectory();
        using (var csv = CsvWriter.Create(dir.File("m.csv"), "a")) csv.WriteRow(1);
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Target_appears_only_on_complete()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.csv");
        using var csv = CsvWriter.Create(path, "a");
        csv.WriteRow(1);
        Assert.False(File.Exists(path));
        csv.Complete();
        Assert.True(File.Exists(path));
        Assert.Throws<InvalidOperationException>(() => csv.WriteRow(2));
    }

    [Fact]
    public void Row_width_must_match_the_header()
    {
        using var dir = new TempDirectory();
        using var csv = CsvWriter.Create(dir.File("m.csv"), "a", "b");
        var e = Assert.Throws<ArgumentException>(() => csv.WriteRow(1));
        Assert.Contains("1 cells", e.Message);
        Assert.Contains("2 columns", e.Message);
    }

    [Fact]
    public void Duplicate_or_empty_column_names_are_rejected()
    {
        using var dir = new TempDirectory();
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => CsvWriter.Create(dir.File("m.csv"), "a", "a")).Message);
        Assert.Equal("header", Assert.Throws<ArgumentException>(() => CsvWriter.Create(dir.File("m.csv"), "a", "")).ParamName);
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Table_reader_handles_quotes_crlf_and_embedded_newlines()
    {
        var table = CsvTable.Parse("a,b\r\n\"x,\"\"y\"\"\",\"line1\nline2\"\r\n,3\r\n");
        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("x,\"y\"", table.Rows[0][0]);
        Assert.Equal("line1\nline2", table.Rows[0][1]);
        Assert.Equal("", table.Rows[1][0]);
        Assert.Equal(3.0, CsvFormat.ParseDouble(table.Rows[1][1]));
    }
}
