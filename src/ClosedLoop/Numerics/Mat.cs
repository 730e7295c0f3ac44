using System.Globalization;

namespace ClosedLoop.Numerics;

/// <summary>
/// A small dense real matrix stored row-major in a <c>double[]</c>. Used for plant matrices, weights and
/// analysis; the hot loops of training work on the raw <see cref="Data"/> spans through <see cref="Gemm"/>.
/// </summary>
public sealed class Mat
{
    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>Row-major storage: element (i, j) is <c>Data[i * Cols + j]</c>.</summary>
    public double[] Data { get; }

    public Mat(int rows, int cols)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"matrix shape {rows}x{cols} must be non-negative");
        Rows = rows;
        Cols = cols;
        Data = new double[rows * cols];
    }

    public Mat(int rows, int cols, double[] data)
    {
        if (data.Length != rows * cols)
            throw new ArgumentException($"matrix data has {data.Length} elements, expected {rows}x{cols}={rows * cols}", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public double this[int i, int j]
    {
        get => Data[i * Cols + j];
        set => Data[i * Cols + j] = value;
    }

    /// <summary>Builds a matrix from nested row arrays; all rows must have the same length.</summary>
    public static Mat FromRows(params double[][] rows)
    {
        int r = rows.Length, c = r == 0 ? 0 : rows[0].Length;
        var m = new Mat(r, c);
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Length != c) throw new ArgumentException($"row {i} has {rows[i].Length} entries, expected {c}: the matrix is not rectangular");
            Array.Copy(rows[i], 0, m.Data, i * c, c);
        }
        return m;
    }

    public static Mat Identity(int n)
    {
        var m = new Mat(n, n);
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    /// <summary>A column vector (n×1).</summary>
    public static Mat Column(params double[] v) => new(v.Length, 1, (double[])v.Clone());

    /// <summary>A row vector (1×n).</summary>
    public static Mat Row(params double[] v) => new(1, v.Length, (double[])v.Clone());

    public Mat Clone() => new(Rows, Cols, (double[])Data.Clone());

    public Mat Transpose()
    {
        var t = new Mat(Cols, Rows);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
                t.Data[j * Rows + i] = Data[i * Cols + j];
        return t;
    }

    public static Mat operator *(Mat a, Mat b)
    {
        if (a.Cols != b.Rows) throw new ArgumentException($"cannot multiply {a.Rows}x{a.Cols} by {b.Rows}x{b.Cols}");
        var c = new Mat(a.Rows, b.Cols);
        Gemm.AB(a.Data, b.Data, c.Data, a.Rows, a.Cols, b.Cols, accumulate: false);
        return c;
    }

    public static Mat operator +(Mat a, Mat b) => Combine(a, b, 1.0);

    public static Mat operator -(Mat a, Mat b) => Combine(a, b, -1.0);

    public static Mat operator *(double s, Mat a)
    {
        var c = a.Clone();
        for (int i = 0; i < c.Data.Length; i++) c.Data[i] *= s;
        return c;
    }

    private static Mat Combine(Mat a, Mat b, double sb)
    {
        if (a.Rows != b.Rows || a.Cols != b.Cols) throw new ArgumentException($"shape mismatch {a.Rows}x{a.Cols} vs {b.Rows}x{b.Cols}");
        var c = a.Clone();
        for (int i = 0; i < c.Data.Length; i++) c.Data[i] += sb * b.Data[i];
        return c;
    }

    /// <summary>The first <paramref name="count"/> columns (this matrix itself when that is all of them).</summary>
    public Mat LeftColumns(int count)
    {
        if (count < 0 || count > Cols) throw new ArgumentException($"count = {count} is not allowed: the matrix has {Cols} columns");
        if (count == Cols) return this;
        var m = new Mat(Rows, count);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < count; j++) m[i, j] = this[i, j];
        return m;
    }

    public double[] RowCopy(int i) => Data.AsSpan(i * Cols, Cols).ToArray();

    public double[] ColumnCopy(int j)
    {
        var v = new double[Rows];
        for (int i = 0; i < Rows; i++) v[i] = Data[i * Cols + j];
        return v;
    }

    /// <summary>Largest absolute element (the max norm).</summary>
    public double MaxAbs()
    {
        double m = 0;
        foreach (var x in Data) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    public bool IsSquare => Rows == Cols;

    public override string ToString()
    {
        var rows = new string[Rows];
        for (int i = 0; i < Rows; i++)
            rows[i] = string.Join(", ", Data.AsSpan(i * Cols, Cols).ToArray().Select(x => x.ToString("G6", CultureInfo.InvariantCulture)));
        return "[" + string.Join("; ", rows) + "]";
    }
}
