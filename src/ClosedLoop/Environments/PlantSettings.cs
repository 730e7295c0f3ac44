using ClosedLoop.Numerics;

namespace ClosedLoop.Environments;

/// <summary>Which plant a run uses.</summary>
public enum PlantKind
{
    /// <summary>The paper's double integrator (k = 2, dt = 1, position observed).</summary>
    DoubleIntegrator,
    /// <summary>A k-th order integrator chain (<see cref="PlantSettings.Order"/>, controls, observed components, dt).</summary>
    IntegratorChain,
    /// <summary>The 2-D point mass of the tracking task.</summary>
    PointMass,
    /// <summary>Explicit matrices <see cref="PlantSettings.A"/>, <see cref="PlantSettings.B"/>, <see cref="PlantSettings.C"/>.</summary>
    Custom,
}

/// <summary>
/// Serialisable description of a plant (the form used by presets, config files and manifests); <see cref="Build"/>
/// gives the <see cref="LinearPlant"/>. Matrices are lists of rows.
/// </summary>
public sealed record PlantSettings
{
    public PlantKind Kind { get; init; } = PlantKind.DoubleIntegrator;
    public int Order { get; init; } = 2;
    public int Controls { get; init; } = 1;
    public int Observed { get; init; } = 1;
    public double Dt { get; init; } = 1.0;
    public double[][]? A { get; init; }
    public double[][]? B { get; init; }
    public double[][]? C { get; init; }
    public double ProcessNoise { get; init; }
    public double ObservationNoise { get; init; }
    /// <summary>Clamp bound x_max, or null for no clamp.</summary>
    public double? Clamp { get; init; }
    public double FeedbackFactor { get; init; } = 1.0;

    /// <summary>Builds and validates the plant; errors name the field.</summary>
    public LinearPlant Build()
    {
        if (!(Dt > 0) || double.IsInfinity(Dt)) throw new ArgumentException($"plant.dt = {Dt} is not allowed: it must be a positive finite number");
        foreach (var (field, value) in new[] { ("plant.order", Order), ("plant.controls", Controls), ("plant.observed", Observed) })
            if (value > Training.SizeLimits.MaxPlantSize) Training.SizeLimits.Count(field, value, 0, Training.SizeLimits.MaxPlantSize);
        var plant = Kind switch
        {
            PlantKind.DoubleIntegrator => Plants.IntegratorChain(2, 1, 1, Dt),
            PlantKind.IntegratorChain => Plants.IntegratorChain(Order, Controls, Observed, Dt),
            PlantKind.PointMass => Plants.PointMass(Dt, null),
            _ => new LinearPlant("custom", ToMat(A, "plant.a"), ToMat(B, "plant.b"), ToMat(C, "plant.c"), Dt),
        };
        return (plant with
        {
            ProcessNoiseStd = ProcessNoise,
            ObservationNoiseStd = ObservationNoise,
            ClampBound = Clamp,
            FeedbackFactor = FeedbackFactor,
        }).Validated();
    }

    private static Mat ToMat(double[][]? rows, string field)
    {
        if (rows is null || rows.Length == 0) throw new ArgumentException($"{field} is missing: a custom plant needs matrices a, b and c as lists of rows");
        int cols = rows[0]?.Length ?? 0;
        Training.SizeLimits.Count($"the number of rows of {field}", rows.Length, 1, Training.SizeLimits.MaxPlantSize);
        Training.SizeLimits.Count($"the number of columns of {field}", cols, 1, Training.SizeLimits.MaxPlantSize);
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] is null || rows[i].Length != cols)
                throw new ArgumentException($"{field} row {i} has {rows[i]?.Length ?? 0} entries, row 0 has {cols}: the matrix is not rectangular");
        return Mat.FromRows(rows);
    }
}
