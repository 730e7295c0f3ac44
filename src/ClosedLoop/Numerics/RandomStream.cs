namespace ClosedLoop.Numerics;

/// <summary>
/// A deterministic pseudo-random stream (xoshiro256**, seeded through SplitMix64). Each run owns its streams
/// explicitly (see <see cref="RandomStreams"/>); there is no shared static generator. The same seed gives the
/// same sequence on every machine and thread count.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    public RandomStream(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Creates the stream named <paramref name="name"/> of root seed <paramref name="rootSeed"/>.</summary>
    public static RandomStream Derive(long rootSeed, string name) => new(Mix((ulong)rootSeed, Fnv1a(name)));

    /// <summary>The generator's four state words (for checkpoints); <see cref="SetState"/> continues from them.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Continues the stream from a state taken by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4) throw new InvalidDataException($"a random stream state has 4 words, not {state.Length}");
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new InvalidDataException("a random stream state of all zeros is not a state of xoshiro256**");
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>Next raw 64-bit value.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [a, b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="sd"/> (Box–Muller, one value per call).</summary>
    public double Normal(double mean = 0, double sd = 1)
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="dest"/> with uniform values on [a, b).</summary>
    public void FillUniform(Span<double> dest, double a, double b)
    {
        for (int i = 0; i < dest.Length; i++) dest[i] = Uniform(a, b);
    }

    /// <summary>Fills <paramref name="dest"/> with normal values.</summary>
    public void FillNormal(Span<double> dest, double mean, double sd)
    {
        for (int i = 0; i < dest.Length; i++) dest[i] = Normal(mean, sd);
    }

    /// <summary>A uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"n = {n} must be positive");
        return (int)(NextDouble() * n);
    }

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Mix(ulong a, ulong b)
    {
        ulong x = a ^ (b * 0x9E3779B97F4A7C15UL);
        return SplitMix(ref x);
    }

    private static ulong Fnv1a(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }
}

/// <summary>
/// The named random streams of one run (docs/science/model-and-training.md §9). Each stream is derived from the root seed by a fixed
/// rule, so the two learners of a closed/open pair share <see cref="Init"/> and every run of an experiment shares
/// the evaluation set drawn from <see cref="EvalSeed"/>.
/// </summary>
public sealed record RandomStreams(long Seed, long EvalSeed)
{
    /// <summary>The default evaluation seed shared by all runs of an experiment.</summary>
    public const long DefaultEvalSeed = 12345;

    public RandomStream Init() => RandomStream.Derive(Seed, "init");
    public RandomStream TrainInitialConditions() => RandomStream.Derive(Seed, "train-ic");
    public RandomStream Noise() => RandomStream.Derive(Seed, "noise");
    public RandomStream OpenLoop() => RandomStream.Derive(Seed, "openloop");
    public RandomStream Reference() => RandomStream.Derive(Seed, "reference");
    public RandomStream Eval() => RandomStream.Derive(EvalSeed, "eval");
    public RandomStream EvalNoise() => RandomStream.Derive(EvalSeed, "eval-noise");
    public RandomStream Probe() => RandomStream.Derive(EvalSeed, "probe");
}
