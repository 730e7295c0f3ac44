using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Runs.Scheduling;

public class RunNamingTests
{
    [Fact]
    public void Equal_settings_share_a_name_and_any_changed_setting_changes_it()
    {
        var a = TinyRuns.Tanh(3);
        Assert.Equal(RunNaming.NameOf(a), RunNaming.NameOf(TinyRuns.Tanh(3)));
        Assert.Matches("^tanh-closed-seed3-[0-9a-f]{10}$", RunNaming.NameOf(a));
        Assert.NotEqual(RunNaming.NameOf(a), RunNaming.NameOf(a with { Epochs = 13 }));
        Assert.NotEqual(RunNaming.NameOf(a), RunNaming.NameOf(a with { Objective = a.Objective with { Beta = a.Objective.Beta + 1e-9 } }));
    }

    [Fact]
    public void The_preset_name_labels_the_directory_but_is_not_hashed()
    {
        var a = TinyRuns.Tanh(0);
        string renamed = RunNaming.NameOf(a with { Preset = "my study; $(rm -rf /)" });
        Assert.Equal(RunNaming.NameOf(a)[^10..], renamed[^10..]);
        Assert.StartsWith("my_study____rm_-rf___-closed-seed0-", renamed); // only letters, digits, '-' and '_' reach the file system
    }

    [Fact]
    public void The_teacher_of_an_open_run_is_the_closed_run_of_the_same_settings()
    {
        var open = TinyRuns.Tanh(2, mode: LoopMode.Open);
        Assert.Equal("tanh-open", open.Preset);
        Assert.StartsWith("tanh-open-seed2-", RunNaming.NameOf(open)); // the mode is not said twice
        var teacher = RunNaming.TeacherOf(open);
        Assert.Equal(LoopMode.Closed, teacher.Mode);
        Assert.Equal(RunNaming.NameOf(TinyRuns.Tanh(2)), RunNaming.NameOf(teacher));
    }

    [Theory]
    [InlineData("tanh", "tanh-closed-seed3-f1a2c39655")]
    [InlineData("lowrank", "lowrank-closed-seed3-2b336edd53")]
    [InlineData("tracking", "tracking-closed-seed3-49b4d95dd5")]
    [InlineData("gru", "gru-closed-seed3-dcdf8f4003")]
    public void Double_precision_runs_keep_the_names_they_had_before_the_precision_setting(string preset, string before)
    {
        // The names were computed by the program as it was before `precision` existed (main of 2026-12-04): the setting
        // is left out of the hashed JSON at its default, so existing reproduction and sweep directories are reused.
        var s = Presets.Get(preset) with { Seed = 3 };
        Assert.Equal(before, RunNaming.NameOf(s));
        Assert.NotEqual(before, RunNaming.NameOf(s with { Precision = Precision.Single }));
    }
}
