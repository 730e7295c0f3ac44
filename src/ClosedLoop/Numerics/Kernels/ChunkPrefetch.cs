using System.Runtime.Intrinsics.X86;

namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// Software prefetch of the next k chunk of A and B, spread evenly over the micro-kernel calls of the current chunk
/// so the requests never flood the memory system. A deep stacked AtB (k = T·S rows, tens of MB) streams from DRAM;
/// with the next chunk already in L2 its speed stays close to the cache-resident case. A no-op without SSE.
/// </summary>
internal unsafe struct ChunkPrefetch<T> where T : unmanaged
{
    /// <summary>Elements of T in one 64-byte cache line.</summary>
    private static int LineElements => 64 / sizeof(T);

    private readonly T* _a, _b;
    private readonly nint _rsA, _csA, _rsB, _csB;
    private readonly int _m, _n, _depth, _rowsPerStep;
    private int _row;

    /// <summary>Prepares to prefetch rows p = <paramref name="start"/>..start+depth−1 of k in <paramref name="steps"/> steps.</summary>
    public ChunkPrefetch(T* a, nint rsA, nint csA, int m, T* b, nint rsB, nint csB, int n, int start, int depth, int steps)
    {
        _a = a + start * csA;
        _b = b + start * rsB;
        (_rsA, _csA, _rsB, _csB, _m, _n) = (rsA, csA, rsB, csB, m, n);
        _depth = Math.Max(depth, 0);
        _rowsPerStep = (_depth + steps - 1) / Math.Max(steps, 1);
        _row = 0;
    }

    /// <summary>Prefetches the next share of the chunk (k indices of both operands).</summary>
    public void Step()
    {
        if (!Sse.IsSupported || _row >= _depth) return;
        int end = Math.Min(_depth, _row + _rowsPerStep);
        for (; _row < end; _row++)
        {
            Line(_a + _row * _csA, _rsA, _m);
            Line(_b + _row * _rsB, _csB, _n);
        }
    }

    /// <summary>The cache lines of one k index of an operand when its other index is contiguous (AtB, AB's B).</summary>
    private static void Line(T* p, nint stride, int count)
    {
        if (stride != 1) return;
        for (int i = 0; i < count; i += LineElements) Sse.Prefetch1(p + i);
    }
}
