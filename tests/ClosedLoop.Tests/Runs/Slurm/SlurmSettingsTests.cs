using ClosedLoop.Runs.Slurm;

namespace ClosedLoop.Tests.Runs.Slurm;

public class SlurmSettingsTests
{
    private static readonly string[] Program = ["/usr/bin/dotnet", "/opt/closedloop.dll"];

    [Fact]
    public void Extra_options_split_on_spaces_with_quotes_grouping_and_nothing_expanded()
    {
        Assert.Equal(["--qos=long", "--comment=a b", "c\"d", "$(x)", "e'f"],
            SlurmSettings.SplitExtra("--qos=long  --comment='a b' \"c\\\"d\" $(x) \"e'f\""));
        Assert.Empty(SlurmSettings.SplitExtra("  "));
        Assert.Contains("never closed", Assert.Throws<ArgumentException>(() => SlurmSettings.SplitExtra("--comment='open")).Message);
    }

    [Theory]
    [InlineData("--array=0-3", "closedloop sets --array itself")]
    [InlineData("-a0-3", "closedloop sets -a0-3 itself")]
    [InlineData("--output=/x", "closedloop sets --output itself")]
    [InlineData("--dependency=afterok:1", "closedloop sets --dependency itself")]
    public void Extra_options_may_not_set_what_closedloop_sets(string token, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new SlurmSettings(Program, Extra: [token]).Validated());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Resource_values_must_be_single_words_and_counts_positive()
    {
        Assert.Contains("--slurm-partition 'a b'", Assert.Throws<ArgumentException>(() => new SlurmSettings(Program, Partition: "a b").Validated()).Message);
        Assert.Contains("--slurm-mem '2G\n#SBATCH", Assert.Throws<ArgumentException>(() => new SlurmSettings(Program, Memory: "2G\n#SBATCH --x").Validated()).Message.Replace("\\n", "\n"));
        Assert.Contains("--slurm-max-parallel = 0", Assert.Throws<ArgumentException>(() => new SlurmSettings(Program, MaxParallel: 0).Validated()).Message);
        Assert.Contains("line break", Assert.Throws<ArgumentException>(() => new SlurmSettings(Program, Extra: ["--comment=a\nb"]).Validated()).Message);
        var ok = new SlurmSettings(Program, "gpu", "2:00:00", "2G", "lab", 8, 2, ["--qos=long"]).Validated();
        Assert.Equal(["--partition=gpu", "--time=2:00:00", "--mem=2G", "--account=lab"], ok.ResourceLines());
        Assert.Equal("%8", ok.ArrayLimit);
    }
}
