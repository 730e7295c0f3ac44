using System.CommandLine;
using System.Numerics;
using System.Text.Json;
using ClosedLoop.Environments;
using ClosedLoop.Numerics;
using ClosedLoop.Reporting;
using ClosedLoop.Theory;
using ClosedLoop.Training;

namespace ClosedLoop.Cli.Commands;

/// <summary>
/// <c>closedloop lqr [--plant double_integrator|point_mass|integrator_chain] [--order K] [--dt DT] [--q Q] [--r R]
/// [--a A --b B] [--json]</c>: solves the discrete algebraic Riccati equation with <see cref="Lqr"/> (docs/science/analysis-maths.md §8.4)
/// and prints the gain K (u = −Kx), the solution S, the closed-loop eigenvalues, the residual, the iterations and the
/// method. Defaults: the double integrator, Q = I, R = 10⁻⁸ (the published Fig. 2 computation).
/// </summary>
internal static class LqrCommand
{
    /// <summary>Default control weight R = 10⁻⁸·I.</summary>
    public const double DefaultR = 1e-8;

    private static readonly JsonSerializerOptions LineOptions = new(JsonFiles.Options)
    {
        WriteIndented = false,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(LqrJson.Default, JsonFiles.Options.TypeInfoResolver),
    };

    public static Command Create()
    {
        var plant = new Option<string?>("--plant") { Description = "double_integrator (default), point_mass or integrator_chain" };
        plant.AcceptOnlyFromAmong("double_integrator", "point_mass", "integrator_chain");
        var order = new Option<int?>("--order") { Description = "integrator_chain: number of integrators K (default 2)" };
        var dt = new Option<double?>("--dt") { Description = "plant time step (default 1; point_mass 0.1)" };
        var q = new Option<string?>("--q") { Description = "state weight Q: a number s (s*I) or rows 'a,b;c,d' (default I)" };
        var r = new Option<string?>("--r") { Description = "control weight R: a number s (s*I) or rows (default 1e-8)" };
        var a = new Option<string?>("--a") { Description = "dynamics A as rows, e.g. \"1,1;0,1\" (with --b, instead of --plant)" };
        var b = new Option<string?>("--b") { Description = "input matrix B as rows, e.g. \"0;1\"" };
        var json = new Option<bool>("--json") { Description = "print one JSON line instead of text" };
        var cmd = new Command("lqr", "Solve the discrete algebraic Riccati equation (LQR) for a named plant or given matrices.")
        {
            plant, order, dt, q, r, a, b, json,
        };
        cmd.SetAction(parse =>
        {
            var (name, ma, mb) = SystemOf(parse.GetValue(plant), parse.GetValue(order), parse.GetValue(dt), parse.GetValue(a), parse.GetValue(b));
            var mq = MatrixText.Weight("--q", parse.GetValue(q), ma.Rows, 1.0, "the state size");
            var mr = MatrixText.Weight("--r", parse.GetValue(r), mb.Cols, DefaultR, "the number of controls");
            var output = parse.InvocationConfiguration.Output;
            LqrResult? result;
            bool solved;
            try { solved = Lqr.TrySolve(ma, mb, mq, mr, out result); }
            catch (ArgumentException e) { throw new ArgumentException(e.Message.Replace("lqr.", "--", StringComparison.Ordinal)); }
            if (!solved)
            {
                string residual = result is null ? "not finite" : MatrixText.Number(result.Residual);
                parse.InvocationConfiguration.Error.WriteLine($"error: no stabilising DARE solution for {name} (best residual {residual}): (A, B) may not be stabilisable or (Q, A) not detectable");
                return ExitCodes.Failure;
            }
            if (parse.GetValue(json)) output.WriteLine(JsonLine(name, ma, mb, mq, mr, result!));
            else foreach (var line in Text(name, mq, mr, result!)) output.WriteLine(line);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The plant name, A and B from the options; throws naming the option for bad combinations or shapes.</summary>
    private static (string Name, Mat A, Mat B) SystemOf(string? plant, int? order, double? dt, string? a, string? b)
    {
        if (a is not null || b is not null)
        {
            if (a is null || b is null) throw new ArgumentException($"{(a is null ? "--b" : "--a")} needs {(a is null ? "--a" : "--b")}: give both A and B");
            if (plant is not null || order is not null || dt is not null) throw new ArgumentException("--a/--b cannot be combined with --plant, --order or --dt");
            var ma = MatrixText.Parse("--a", a);
            var mb = MatrixText.Parse("--b", b);
            if (!ma.IsSquare) throw new ArgumentException($"--a must be square (k x k), got {ma.Rows}x{ma.Cols}");
            SizeLimits.Count("the size of --a", ma.Rows, 1, SizeLimits.MaxLqrOrder);
            SizeLimits.Count("the number of columns of --b", mb.Cols, 1, SizeLimits.MaxLqrOrder);
            if (mb.Rows != ma.Rows) throw new ArgumentException($"--b must have {ma.Rows} rows (A is {ma.Rows}x{ma.Rows}), got {mb.Rows}x{mb.Cols}");
            return ("the given system", ma, mb);
        }
        string kind = plant ?? "double_integrator";
        if (order is not null && kind != "integrator_chain") throw new ArgumentException($"--order applies to --plant integrator_chain only, not {kind}");
        if (order is { } k) SizeLimits.Count("--order", k, 1, SizeLimits.MaxLqrOrder, "longer chains have no stabilising solution in double precision, and the search takes minutes");
        if (dt is { } step && !(step > 0 && double.IsFinite(step))) throw new ArgumentException($"--dt = {step} is not allowed: it must be a positive finite number");
        var p = kind switch
        {
            "point_mass" => Plants.PointMass(dt ?? 0.1),
            "integrator_chain" => Plants.IntegratorChain(order ?? 2, 1, 1, dt ?? 1.0),
            _ => Plants.IntegratorChain(2, 1, 1, dt ?? 1.0),
        };
        return ($"{kind} (dt {MatrixText.Number(p.Dt)})", p.A, p.EffectiveB);
    }

    private static IEnumerable<string> Text(string name, Mat q, Mat r, LqrResult result)
    {
        yield return $"LQR for {name}, Q {Describe(q)}, R {Describe(r)}";
        yield return "K (u = -K x):";
        foreach (var l in MatrixText.Lines(result.Gain)) yield return l;
        yield return "S (Riccati solution):";
        foreach (var l in MatrixText.Lines(result.Solution)) yield return l;
        yield return "closed-loop eigenvalues of A - BK: " + string.Join(", ", result.ClosedLoopEigenvalues.Select(Complex));
        yield return $"closed-loop spectral radius {MatrixText.Number(result.ClosedLoopSpectralRadius)}";
        yield return $"residual {result.Residual.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, "
            + $"{result.Iterations} iterations ({Snake(result.Method)}, {result.RefinementSteps} refinement steps)";
        yield return "code sign convention: k = -K";
    }

    private static string JsonLine(string name, Mat a, Mat b, Mat q, Mat r, LqrResult result) =>
        JsonSerializer.Serialize(new LqrLine(name,
            MatrixText.ToRows(a), MatrixText.ToRows(b), MatrixText.ToRows(q), MatrixText.ToRows(r),
            MatrixText.ToRows(result.Gain), MatrixText.ToRows(result.Solution),
            result.ClosedLoopEigenvalues, result.ClosedLoopSpectralRadius,
            result.Residual, result.Iterations, result.Method, result.RefinementSteps), LineOptions);

    private static string Describe(Mat m)
    {
        double d = m[0, 0];
        bool scaled = m.IsSquare && Enumerable.Range(0, m.Rows).All(i => Enumerable.Range(0, m.Cols).All(j => m[i, j] == (i == j ? d : 0)));
        return scaled ? $"= {MatrixText.Number(d)} I{m.Rows}" : $"= [{string.Join("; ", Enumerable.Range(0, m.Rows).Select(i => string.Join(", ", m.RowCopy(i).Select(MatrixText.Number))))}]";
    }

    private static string Complex(Complex z) => z.Imaginary == 0
        ? MatrixText.Number(z.Real)
        : $"{MatrixText.Number(z.Real)}{(z.Imaginary < 0 ? "-" : "+")}{MatrixText.Number(Math.Abs(z.Imaginary))}i";

    private static string Snake(LqrMethod m) => JsonNamingPolicy.SnakeCaseLower.ConvertName(m.ToString());
}

/// <summary>The line <c>closedloop lqr --json</c> prints (snake_case names from <see cref="JsonFiles.Options"/>).</summary>
internal sealed record LqrLine(string System, double[][] A, double[][] B, double[][] Q, double[][] R, double[][] K, double[][] S,
    Complex[] ClosedLoopEigenvalues, double ClosedLoopSpectralRadius, double Residual, int Iterations, LqrMethod Method, int RefinementSteps);

/// <summary>The serialiser of <see cref="LqrLine"/>, generated at compile time (docs/native.md).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(LqrLine))]
internal sealed partial class LqrJson : System.Text.Json.Serialization.JsonSerializerContext;
