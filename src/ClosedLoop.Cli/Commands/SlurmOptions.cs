using System.CommandLine;
using ClosedLoop.Runs.Slurm;

namespace ClosedLoop.Cli.Commands;

/// <summary>Where training runs go: this machine's cores or a Slurm cluster.</summary>
internal enum BackendKind { Local, Slurm }

/// <summary>
/// The <c>--backend</c> option and the Slurm pass-through options shared by <c>sweep</c> and <c>reproduce</c>; builds
/// the checked <see cref="SlurmSettings"/>, with the program a task starts (<see cref="TaskProgram"/>).
/// </summary>
internal sealed class SlurmOptions
{
    public Option<string> Backend { get; } = new("--backend") { Description = "local (this machine's cores, default) or slurm (job arrays; the output directory must be on a filesystem every node sees)", DefaultValueFactory = _ => "local" };
    public Option<string?> Partition { get; } = new("--slurm-partition") { Description = "Slurm partition (sbatch --partition)" };
    public Option<string?> Time { get; } = new("--slurm-time") { Description = "time limit per run (sbatch --time), e.g. 2:00:00" };
    public Option<string?> Memory { get; } = new("--slurm-mem") { Description = "memory per run (sbatch --mem), e.g. 2G" };
    public Option<string?> Account { get; } = new("--slurm-account") { Description = "account to charge (sbatch --account)" };
    public Option<int?> MaxParallel { get; } = new("--slurm-max-parallel") { Description = "at most this many runs at once (sbatch --array=…%N)" };
    public Option<int> CpusPerTask { get; } = new("--slurm-cpus-per-task") { Description = "cores per run (sbatch --cpus-per-task; results do not depend on it)", DefaultValueFactory = _ => 1 };
    public Option<string?> Extra { get; } = new("--slurm-extra") { Description = "more sbatch options, e.g. \"--qos=long --constraint=avx2\" (no shell: quotes group, nothing is expanded)" };

    public SlurmOptions() => Backend.AcceptOnlyFromAmong("local", "slurm");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Backend);
        foreach (var o in SlurmOnly) command.Add(o);
    }

    private IEnumerable<Option> SlurmOnly => [Partition, Time, Memory, Account, MaxParallel, CpusPerTask, Extra];

    /// <summary>The chosen backend; Slurm options without <c>--backend slurm</c> are refused.</summary>
    public BackendKind Kind(ParseResult p)
    {
        var kind = p.GetValue(Backend) == "slurm" ? BackendKind.Slurm : BackendKind.Local;
        if (kind == BackendKind.Local && SlurmOnly.FirstOrDefault(o => p.GetResult(o) is { Implicit: false }) is { } given)
            throw new ArgumentException($"{given.Name} is not allowed with --backend local: it is a Slurm option (add --backend slurm)");
        return kind;
    }

    /// <summary>The checked Slurm settings of the parsed options.</summary>
    public SlurmSettings Settings(ParseResult p) => new SlurmSettings(
        TaskProgram.Current(), p.GetValue(Partition), p.GetValue(Time), p.GetValue(Memory), p.GetValue(Account),
        p.GetValue(MaxParallel), p.GetValue(CpusPerTask), SlurmSettings.SplitExtra(p.GetValue(Extra))).Validated();
}

/// <summary>How this process was started, so that a cluster task starts the same program: the <c>closedloop</c>
/// apphost, or <c>dotnet</c> with the path of <c>closedloop.dll</c>.</summary>
internal static class TaskProgram
{
    public static IReadOnlyList<string> Current()
    {
        string? process = Environment.ProcessPath;
        string dll = typeof(CliApp).Assembly.Location;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "closedloop") return [process];
        string host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h
            : SlurmClient.FindOnPath("dotnet") ?? "dotnet";
        return [host, dll];
    }
}
