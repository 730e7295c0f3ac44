using System.Text.Json;

namespace ClosedLoop.Tests.Cli.Commands;

public class LqrCommandTests
{
    [Fact]
    public void The_default_is_the_double_integrator_with_R_1e_8()
    {
        // docs/science/reference-values.md A9, row 1: K = (0.618034, 1.61803), S = [[2.61803, 1.61803], [1.61803, 2.61803]],
        // eigenvalues 0.381966 and 1e-8.
        var r = CliRunner.Run("lqr");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("[0.618034, 1.61803]", r.Out);
        Assert.Contains("[2.61803, 1.61803]", r.Out);
        Assert.Contains("closed-loop eigenvalues of A - BK: 0.381966, 1E-08", r.Out);
        Assert.Contains("doubling", r.Out);
    }

    [Fact]
    public void The_point_mass_case_matches_A9()
    {
        // docs/science/reference-values.md A9, row 4: dt 0.1, Q = I4, R = 0.1 I2.
        var r = CliRunner.Run("lqr", "--plant", "point_mass", "--r", "0.1");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("[2.58531, 3.57472, 0, 0]", r.Out);
        Assert.Contains("[0, 0, 2.58531, 3.57472]", r.Out);
        Assert.Contains("[13.827, 3.86801, 0, 0]", r.Out);
        Assert.Contains("0.899325, 0.899325, 0.743204, 0.743204", r.Out);
    }

    [Fact]
    public void Json_output_is_one_line_with_gain_solution_eigenvalues_and_residual()
    {
        // A9, row 3: double integrator, Q = I2, R = 1: K = (0.422082, 1.24393), eigenvalues 0.378036 ± 0.187730i.
        var r = CliRunner.Run("lqr", "--a", "1,1;0,1", "--b", "0;1", "--q", "1,0;0,1", "--r", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Single(r.Out.Trim().Split('\n'));
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var k = root.GetProperty("k")[0];
        Theory.AnalysisAssert.Quoted(0.422082, k[0].GetDouble());
        Theory.AnalysisAssert.Quoted(1.24393, k[1].GetDouble());
        Theory.AnalysisAssert.Quoted(2.36921, root.GetProperty("s")[0][1].GetDouble());
        var eig = root.GetProperty("closed_loop_eigenvalues");
        Theory.AnalysisAssert.Quoted(0.378036, eig[0].GetProperty("re").GetDouble());
        Theory.AnalysisAssert.Quoted(0.187730, eig[0].GetProperty("im").GetDouble());
        Assert.True(root.GetProperty("residual").GetDouble() < 1e-12);
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
        Assert.Equal("doubling", root.GetProperty("method").GetString());
    }

    [Fact]
    public void The_R_0_limit_runs_by_value_iteration()
    {
        // A9, row 2: K = (φ − 1, φ) = (0.618034, 1.61803), eigenvalues φ⁻² and 0.
        var r = CliRunner.Run("lqr", "--r", "0", "--json");
        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("value_iteration", root.GetProperty("method").GetString());
        Theory.AnalysisAssert.Quoted(1.61803, root.GetProperty("k")[0][1].GetDouble());
    }

    [Theory]
    [InlineData(new[] { "--a", "1,1;0", "--b", "0;1" }, "--a = \"1,1;0\": row 2 has 1 entries but row 1 has 2")]
    [InlineData(new[] { "--a", "1,1", "--b", "0" }, "--a must be square")]
    [InlineData(new[] { "--a", "1,1;0,1", "--b", "0;1;1" }, "--b must have 2 rows")]
    [InlineData(new[] { "--a", "1,1;0,1" }, "--a needs --b")]
    [InlineData(new[] { "--a", "1,x;0,1", "--b", "0;1" }, "entry 'x' in row 1 is not a finite number")]
    [InlineData(new[] { "--q", "1,0,0;0,1,0" }, "--q must be 2x2")]
    [InlineData(new[] { "--q", "1,2;3,4" }, "--q is not symmetric")]
    [InlineData(new[] { "--r", "-1" }, "--r has a negative eigenvalue")]
    [InlineData(new[] { "--plant", "pendulum" }, "pendulum")]
    [InlineData(new[] { "--plant", "point_mass", "--order", "3" }, "--order applies to --plant integrator_chain only")]
    [InlineData(new[] { "--dt", "0" }, "--dt = 0 is not allowed")]
    [InlineData(new[] { "--plant", "point_mass", "--a", "1", "--b", "1" }, "cannot be combined with --plant")]
    public void Bad_input_exits_2_naming_the_option(string[] args, string expected)
    {
        var r = CliRunner.Run(["lqr", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Err);
    }

    [Fact]
    public void An_unstabilisable_system_fails_with_exit_1()
    {
        var r = CliRunner.Run("lqr", "--a", "2,0;0,1", "--b", "0;1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no stabilising DARE solution", r.Err);
    }
}
