using System.Buffers.Binary;
using System.Text;

namespace ClosedLoop.Reporting;

/// <summary>
/// A minimal writer of uncompressed ("stored", method 0) zip archives with fixed metadata, so that the same entries
/// always give the same bytes: every entry is dated 1980-01-01 00:00 (the earliest DOS date), "made by" MS-DOS
/// version 2.0, no extra fields, no comments, no external attributes. Limits (no zip64): under 65535 entries and
/// under 4 GiB in total.
/// </summary>
internal static class StoredZip
{
    private const ushort Version = 20;
    private const ushort DosTime = 0;
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
    private const ushort Utf8NameFlag = 0x0800;

    /// <summary>One entry to store: its name, its length and CRC-32, and how to copy its bytes to the archive.</summary>
    public readonly record struct Source(string Name, long Length, uint Crc, Action<Stream> CopyTo)
    {
        /// <summary>An entry held in memory.</summary>
        public static Source FromBytes(string name, byte[] data) => new(name, data.LongLength, Crc32.Compute(data), s => s.Write(data));

        /// <summary>An entry copied from a file (read twice: once for its CRC, once into the archive).</summary>
        public static Source FromFile(string name, string path)
        {
            uint crc = Crc32.Initial;
            var buffer = new byte[1 << 16];
            using (var f = File.OpenRead(path))
                for (int n; (n = f.Read(buffer)) > 0;) crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            return new(name, new FileInfo(path).Length, Crc32.Finish(crc), s =>
            {
                using var f = File.OpenRead(path);
                f.CopyTo(s);
            });
        }
    }

    public static void Write(Stream output, IReadOnlyList<(string Name, byte[] Data)> entries) =>
        Write(output, entries.Select(e => Source.FromBytes(e.Name, e.Data)).ToList());

    public static void Write(Stream output, IReadOnlyList<Source> entries)
    {
        if (entries.Count >= ushort.MaxValue)
            throw new ArgumentException($"entries.Count = {entries.Count}; a zip without zip64 holds at most 65534 entries", nameof(entries));
        var central = new MemoryStream();
        long offset = 0;
        foreach (var entry in entries)
        {
            byte[] nameBytes = Encoding.UTF8.GetBytes(entry.Name);
            ushort flags = nameBytes.Length == entry.Name.Length ? (ushort)0 : Utf8NameFlag;
            if (offset + 30 + nameBytes.Length + entry.Length >= uint.MaxValue)
                throw new ArgumentException($"entry '{entry.Name}' ends beyond 4 GiB; write large arrays as separate .npy files", nameof(entries));
            WriteLocalHeader(output, nameBytes, flags, entry.Crc, (uint)entry.Length);
            long start = output.Position;
            entry.CopyTo(output);
            if (output.Position - start != entry.Length)
                throw new InvalidOperationException($"entry '{entry.Name}' wrote {output.Position - start} bytes, announced {entry.Length}");
            WriteCentralHeader(central, nameBytes, flags, entry.Crc, (uint)entry.Length, (uint)offset);
            offset += 30 + nameBytes.Length + entry.Length;
        }
        central.Position = 0;
        central.CopyTo(output);
        WriteEnd(output, (ushort)entries.Count, (uint)central.Length, (uint)offset);
    }

    private static void WriteLocalHeader(Stream s, byte[] name, ushort flags, uint crc, uint size)
    {
        Span<byte> h = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], 0); // stored
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], 0);
        s.Write(h);
        s.Write(name);
    }

    private static void WriteCentralHeader(Stream s, byte[] name, ushort flags, uint crc, uint size, uint offset)
    {
        Span<byte> h = stackalloc byte[46];
        h.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], Version); // made by: MS-DOS, 2.0
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[14..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[42..], offset);
        s.Write(h);
        s.Write(name);
    }

    private static void WriteEnd(Stream s, ushort count, uint centralSize, uint centralOffset)
    {
        Span<byte> h = stackalloc byte[22];
        h.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], count);
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], centralOffset);
        s.Write(h);
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as used by zip; check value of "123456789" is 0xCBF43926.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The running value before any byte (see <see cref="Append"/>).</summary>
    public const uint Initial = 0xFFFFFFFFu;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Initial, data));

    /// <summary>Feeds <paramref name="data"/> into a running value started at <see cref="Initial"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    /// <summary>The CRC of the bytes fed so far.</summary>
    public static uint Finish(uint crc) => ~crc;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
