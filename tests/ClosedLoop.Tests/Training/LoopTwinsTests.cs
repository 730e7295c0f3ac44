using System.Text.Json;
using ClosedLoop.Runs.Scheduling;
using ClosedLoop.Training;

namespace ClosedLoop.Tests.Training;

public class LoopTwinsTests
{
    [Theory]
    [InlineData("tanh")]
    [InlineData("repro-main")]
    [InlineData("tracking")]
    public void The_open_twin_differs_only_in_mode_and_name_so_its_teacher_is_the_closed_run(string preset)
    {
        var closed = Presets.Get(preset) with { Seed = 3 };
        var open = closed.OpenTwin();
        Assert.Equal(LoopMode.Open, open.Mode);
        Assert.Equal(preset + "-open", open.Preset);
        Assert.Equal(Json(closed), Json(open with { Mode = LoopMode.Closed, Preset = closed.Preset }));
        Assert.Equal(RunNaming.NameOf(closed), RunNaming.NameOf(open.ClosedTwin()));
        Assert.Equal(RunNaming.NameOf(closed), RunNaming.NameOf(RunNaming.TeacherOf(open)));
        Assert.Same(open, open.OpenTwin());
        Assert.Equal(open.Preset, Presets.Get(preset + "-open").Preset);
    }

    [Fact]
    public void Closed_names_drop_one_open_suffix()
    {
        Assert.Equal("tanh", LoopTwins.ClosedName("tanh-open"));
        Assert.Equal("tanh", LoopTwins.ClosedName("tanh"));
        Assert.Equal("lowrank-beta0_5", LoopTwins.ClosedName("lowrank-beta0_5"));
    }

    private static string Json(RunSettings s) => JsonSerializer.Serialize(s, SettingsJson.Options);
}
