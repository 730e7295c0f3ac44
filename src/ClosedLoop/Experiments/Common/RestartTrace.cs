using System.Numerics;
using ClosedLoop.Runs;

namespace ClosedLoop.Experiments;

/// <summary>
/// What the figures and studies read from an episode-length restart (<see cref="RankOneRestarts.EpisodeLength"/>): the
/// dominant eigenvalue and ρ(P) per restart epoch, the upper member of the dominant pair at every recorded spectrum,
/// and its stabilisation epochs.
/// </summary>
/// <param name="Steps">The restart's episode length T.</param>
/// <param name="DomRe">Re λ_dom per restart epoch (<c>dom_re</c>).</param>
/// <param name="DomIm">Im λ_dom per restart epoch (<c>dom_im</c>).</param>
/// <param name="Rho">ρ(P) per restart epoch.</param>
/// <param name="SummaryStabilization">The strict stabilisation epoch of the run's summary.json.</param>
/// <param name="Stabilization">The strict stabilisation epoch of ρ(P) (<see cref="RunStages"/>).</param>
/// <param name="SpectrumEpochs">Epochs of the recorded spectra.</param>
/// <param name="UpperPair">The upper member of the dominant pair at each (<see cref="Studies.StudyMeasures.UpperPairMember"/>).</param>
public sealed record RestartTrace(int Steps, double[] DomRe, double[] DomIm, double[] Rho, int? SummaryStabilization, int? Stabilization,
    IReadOnlyList<int> SpectrumEpochs, IReadOnlyList<Complex> UpperPair)
{
    /// <summary>Number of restart epochs.</summary>
    public int Epochs => DomRe.Length;

    /// <summary>Reads a finished restart.</summary>
    public static RestartTrace Of(RunRecord run)
    {
        var (epochs, path) = UpperPairPath(run);
        return new RestartTrace(run.Settings.Episode.Steps, run.Series("dom_re"), run.Series("dom_im"), run.Series("spectral_radius"),
            run.Summary.StabilizationEpoch, RunStages.Of(run).Stabilization, epochs, path);
    }

    /// <summary>Im of the upper pair member at restart epoch <paramref name="epoch"/> minus at the start (NaN when not recorded).</summary>
    public double ImaginaryShift(int epoch)
    {
        int i = SpectrumEpochs.ToList().IndexOf(epoch), i0 = SpectrumEpochs.ToList().IndexOf(0);
        return i < 0 || i0 < 0 ? double.NaN : UpperPair[i].Imaginary - UpperPair[i0].Imaginary;
    }

    /// <summary>The upper member of the largest complex pair at every recorded spectrum of a run (empty without one).</summary>
    public static (IReadOnlyList<int> Epochs, IReadOnlyList<Complex> Path) UpperPairPath(RunRecord run)
    {
        if (run.Array("eig_p") is not { } eig) return ([], []);
        return (eig.Epochs.Select(e => (int)e).ToList(), eig.Rows.Select(Studies.StudyMeasures.UpperPairMember).ToList());
    }
}
