using System.Numerics;
using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

/// <summary>Cross-checks the .npy/.npz writers and readers, and the CSV/JSON conventions, against NumPy and Python's
/// csv/json modules (skipped when numpy is absent).</summary>
public class NumpyInteropTests
{
    private const string CheckScript = """
        import sys, numpy as np
        d = sys.argv[1]
        a = np.load(d + '/a.npy')
        assert a.dtype == np.float64 and a.shape == (3, 2), (a.dtype, a.shape)
        assert a[2, 1] == 6.0 and np.isnan(a[0, 1]) and a[1, 0] == np.inf, a
        c = np.load(d + '/c.npy')
        assert c.dtype == np.complex128 and c.shape == (2,) and c[1] == 0.5 - 2j, c
        i = np.load(d + '/i.npy')
        assert i.dtype == np.int64 and i.shape == () and int(i) == -7, i
        s = np.load(d + '/streamed.npy')
        assert s.dtype == np.complex128 and s.shape == (4, 2) and s[3, 1] == 3 - 1j, s
        with np.load(d + '/z.npz') as z:
            assert sorted(z.files) == ['u', 'v'], z.files
            assert z['u'].shape == (2, 2) and z['u'][1, 0] == 3.0 and z['v'].tolist() == [5, 6]
        m = np.genfromtxt(d + '/metrics.csv', delimiter=',', names=True)
        assert m['loss'][0] == 0.25 and np.isnan(m['loss'][1]) and m['loss'][2] == np.inf, m['loss']
        assert np.isnan(m['spectral_radius'][0]) and m['spectral_radius'][1] == 0.5, m['spectral_radius']
        import csv, json
        rows = list(csv.DictReader(open(d + '/metrics.csv')))
        assert rows[0]['spectral_radius'] == '' and rows[1]['loss'] == 'nan', rows
        s = json.load(open(d + '/summary.json'))
        assert s['stabilization_epoch'] is None and s['final_spectral_radius'] is None and s['final_loss'] == 0.5, s
        np.save(d + '/from_numpy.npy', np.arange(6, dtype=np.float64).reshape(2, 3).T)
        np.savez(d + '/from_numpy.npz', w=np.array([1.5, 2.5]), n=np.array([[1, 2]], dtype=np.int64))
        print('ok')
        """;

    [NumpyFact]
    public void Numpy_loads_our_files_and_we_load_numpys()
    {
        using var dir = new TempDirectory();
        Npy.Write(dir.File("a.npy"), NpyArray.Float64([1, double.NaN, double.PositiveInfinity, 4, 5, 6], 3, 2));
        Npy.Write(dir.File("c.npy"), NpyArray.Complex128([new Complex(1, 1), new Complex(0.5, -2)]));
        Npy.Write(dir.File("i.npy"), new NpyArray(NpyDType.Int64, [], new long[] { -7 }));
        using (var appender = NpyAppender.Create(dir.File("streamed.npy"), NpyDType.Complex128, 2))
        {
            for (int e = 0; e < 4; e++) appender.AppendRow([new Complex(e, 1), new Complex(e, -1)]);
            appender.Complete();
        }
        Npz.Write(dir.File("z.npz"), new Dictionary<string, NpyArray>
        {
            ["u"] = NpyArray.Float64([1, 2, 3, 4], 2, 2),
            ["v"] = NpyArray.Int64([5, 6]),
        });

        using (var csv = CsvWriter.Create(dir.File("metrics.csv"), "epoch", "loss", "spectral_radius"))
        {
            csv.WriteRow(0, 0.25, null);
            csv.WriteRow(1, double.NaN, 0.5);
            csv.WriteRow(2, double.PositiveInfinity, 0.75);
            csv.Complete();
        }
        JsonFiles.Write(dir.File("summary.json"), new { StabilizationEpoch = (int?)null, FinalSpectralRadius = double.NaN, FinalLoss = 0.5 });

        int code = PythonNumpy.Run(CheckScript, out string output, dir.Path);
        Assert.True(code == 0, output);

        // numpy saved a transposed (Fortran-ordered) 3x2 array: [[0, 3], [1, 4], [2, 5]].
        NpyArray t = Npy.Read(dir.File("from_numpy.npy"));
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], t.AsFloat64());
        var z = Npz.Read(dir.File("from_numpy.npz"));
        Assert.Equal(NpyArray.Float64([1.5, 2.5]), z["w"]);
        Assert.Equal(NpyArray.Int64([1, 2], 1, 2), z["n"]);
    }
}
