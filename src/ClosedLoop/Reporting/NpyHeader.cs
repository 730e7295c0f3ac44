using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClosedLoop.Reporting;

/// <summary>The parsed header of a <c>.npy</c> file.</summary>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions (C order unless <paramref name="FortranOrder"/>).</param>
/// <param name="FortranOrder">Whether the data are stored column-major.</param>
/// <param name="HeaderLength">Total bytes before the data (magic, version, length field, dictionary).</param>
public sealed record NpyHeaderInfo(NpyDType DType, IReadOnlyList<long> Shape, bool FortranOrder, int HeaderLength);

/// <summary>
/// The NumPy <c>.npy</c> header (format version 1.0 written; 1.0, 2.0 and 3.0 read): the magic string
/// <c>\x93NUMPY</c>, the version bytes, a little-endian header length (uint16 in v1, uint32 in v2/v3), and an ASCII
/// Python dict literal such as <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 2), }</c> padded with
/// spaces and ended by <c>\n</c> so that the data start at a multiple of 64 bytes.
/// </summary>
internal static partial class NpyHeader
{
    public const int Alignment = 64;
    private const int PreambleV1 = 10; // magic (6) + version (2) + uint16 length
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The NumPy descr string of <paramref name="dtype"/>.</summary>
    public static string Descr(NpyDType dtype) => dtype switch
    {
        NpyDType.Float64 => "<f8",
        NpyDType.Complex128 => "<c16",
        NpyDType.Int64 => "<i8",
        _ => throw new ArgumentException($"dtype = {dtype} is not one of Float64, Complex128, Int64", nameof(dtype)),
    };

    /// <summary>The Python literal of a shape tuple: <c>()</c>, <c>(3,)</c>, <c>(3, 2)</c>.</summary>
    public static string ShapeLiteral(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    /// <summary>
    /// Builds a v1.0 header for a C-order array. The total length is the smallest multiple of 64 that holds the
    /// dictionary and is at least <paramref name="minTotalLength"/> (used to rewrite a header in place).
    /// </summary>
    public static byte[] Build(NpyDType dtype, IReadOnlyList<long> shape, int minTotalLength = 0)
    {
        string dict = $"{{'descr': '{Descr(dtype)}', 'fortran_order': False, 'shape': {ShapeLiteral(shape)}, }}";
        int needed = PreambleV1 + dict.Length + 1;
        int total = Math.Max(needed, minTotalLength);
        total = (total + Alignment - 1) / Alignment * Alignment;
        int headerLen = total - PreambleV1;
        if (headerLen > ushort.MaxValue)
            throw new ArgumentException($"shape {ShapeLiteral(shape)} gives a header of {headerLen} bytes; version 1.0 allows at most 65535", nameof(shape));
        var bytes = new byte[total];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLen);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(PreambleV1));
        bytes.AsSpan(PreambleV1 + dict.Length, headerLen - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Reads and parses a header from the current position of <paramref name="stream"/>.</summary>
    public static NpyHeaderInfo Read(Stream stream)
    {
        Span<byte> pre = stackalloc byte[8];
        ReadExactly(stream, pre, "the magic string and version");
        if (!pre[..6].SequenceEqual(Magic))
            throw new InvalidDataException("not a .npy file: the first six bytes are not \\x93NUMPY");
        int major = pre[6], minor = pre[7];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new InvalidDataException($".npy format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)"),
        };
        Span<byte> len = stackalloc byte[4];
        ReadExactly(stream, len[..lengthBytes], "the header length");
        long headerLen = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(len) : BinaryPrimitives.ReadUInt32LittleEndian(len);
        if (headerLen > 1 << 24) throw new InvalidDataException($".npy header length {headerLen} is implausibly large");
        var dictBytes = new byte[headerLen];
        ReadExactly(stream, dictBytes, "the header dictionary");
        string dict = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(dictBytes);
        var (dtype, shape, fortran) = ParseDict(dict);
        return new NpyHeaderInfo(dtype, shape, fortran, checked((int)(8 + lengthBytes + headerLen)));
    }

    private static (NpyDType, long[], bool) ParseDict(string dict)
    {
        Match descr = DescrPattern().Match(dict);
        Match fortran = FortranPattern().Match(dict);
        Match shape = ShapePattern().Match(dict);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($".npy header dictionary lacks descr, fortran_order or shape: {dict.Trim()}");
        NpyDType dtype = descr.Groups[1].Value switch
        {
            "<f8" => NpyDType.Float64,
            "<c16" => NpyDType.Complex128,
            "<i8" => NpyDType.Int64,
            var d => throw new InvalidDataException($".npy descr '{d}' is not supported (allowed: '<f8', '<c16', '<i8')"),
        };
        string[] parts = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            string p = parts[k].TrimEnd('L');
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out dims[k]))
                throw new InvalidDataException($".npy shape entry '{parts[k]}' is not a non-negative integer");
        }
        return (dtype, dims, fortran.Groups[1].Value == "True");
    }

    internal static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = stream.Read(buffer[done..]);
            if (n == 0) throw new InvalidDataException($".npy data truncated while reading {what}: got {done} of {buffer.Length} bytes");
            done += n;
        }
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
