namespace ClosedLoop.Numerics.Kernels;

/// <summary>
/// A compile-time integer carried by a struct type. Micro-kernels are generic over two of these (rows, vectors)
/// so the JIT specialises each instantiation and folds every <c>if (R &gt; 3)</c> guard, keeping exactly the
/// needed accumulators in registers.
/// </summary>
internal interface IConstInt
{
    static abstract int Value { get; }
}

internal readonly struct N1 : IConstInt { public static int Value => 1; }
internal readonly struct N2 : IConstInt { public static int Value => 2; }
internal readonly struct N3 : IConstInt { public static int Value => 3; }
internal readonly struct N4 : IConstInt { public static int Value => 4; }
internal readonly struct N5 : IConstInt { public static int Value => 5; }
internal readonly struct N6 : IConstInt { public static int Value => 6; }
internal readonly struct N7 : IConstInt { public static int Value => 7; }
internal readonly struct N8 : IConstInt { public static int Value => 8; }

/// <summary>
/// A family of register-blocked micro-kernels for one instruction set and element type T (double or float). A
/// micro-kernel computes one tile
/// <c>C[0..rows, 0..vectors·Lanes)</c> (+)= Σ_p A[r, p]·B[p, :] for p = 0..kc−1, where A element (r, p) is
/// <c>a[r·rsA + p·csA]</c>, B row p is the <c>vectors·Lanes</c> contiguous values at <c>b + p·ldb</c> and C row r
/// starts at <c>c + r·ldc</c>. Each C element is one fused multiply–add chain in ascending p, started from the
/// stored C value when <c>load</c> is true and from 0 otherwise; this fixes the rounding independently of the
/// tile shape and of the instruction set.
/// </summary>
internal unsafe interface IMicroKernels<T> where T : unmanaged
{
    /// <summary>Elements of T per vector register (1 for the scalar family).</summary>
    static abstract int Lanes { get; }

    /// <summary>Largest tile height (rows of C per micro-kernel call).</summary>
    static abstract int MaxRows { get; }

    /// <summary>Largest tile width in vectors.</summary>
    static abstract int MaxVectors { get; }

    /// <summary>Runs the micro-kernel for a rows × (vectors·Lanes) tile; 1 ≤ rows ≤ MaxRows, 1 ≤ vectors ≤ MaxVectors.</summary>
    static abstract void Run(int rows, int vectors, int kc, T* a, nint rsA, nint csA, T* b, nint ldb, T* c, nint ldc, bool load);
}
