using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedLoop.Training;

namespace ClosedLoop.Runs.Scheduling;

/// <summary>
/// The one naming of cached run directories, shared by reproductions and sweeps: a run with settings s lives in
/// <c>&lt;runs&gt;/&lt;preset&gt;-&lt;mode&gt;-seed&lt;seed&gt;-&lt;hash&gt;</c>, where the hash is the first 10 hex digits of the
/// SHA-256 of the settings JSON (<see cref="SettingsJson"/>, preset name left out). Equal settings give the same
/// directory, so a finished run is found and reused by whoever asks for it next.
/// </summary>
public static class RunNaming
{
    /// <summary>The directory name of the run with settings <paramref name="s"/>.</summary>
    public static string NameOf(RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var json = JsonSerializer.Serialize(s with { Preset = "" }, SettingsJson.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..10];
        string name = Sanitize(s.Preset), mode = s.Mode == LoopMode.Open ? "open" : "closed";
        if (!name.EndsWith("-" + mode, StringComparison.Ordinal)) name += "-" + mode;
        return $"{name}-seed{s.Seed}-{hash}";
    }

    /// <summary>The closed-loop teacher an open-loop run imitates: its closed twin (<see cref="LoopTwins.ClosedTwin"/>).</summary>
    public static RunSettings TeacherOf(RunSettings open) => open.ClosedTwin();

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
