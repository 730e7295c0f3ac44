using ClosedLoop.Environments;

namespace ClosedLoop.Tests.Environments;

public class PlantsTests
{
    // docs/science/reference-values.md §A1.
    [Fact]
    public void Double_integrator_matches_A1()
    {
        var p = Plants.DoubleIntegrator();
        Assert.Equal([1.0, 1, 0, 1], p.A.Data);
        Assert.Equal([0.0, 1], p.B.Data);
        Assert.Equal([1.0, 0], p.C.Data);
        Assert.Equal(0.0, (p.C * p.B)[0, 0]);
    }

    [Fact]
    public void Third_order_chain_matches_A1()
    {
        var p = Plants.IntegratorChain(3, 1, 1, 0.5);
        Assert.Equal([1.0, 0.5, 0, 0, 1, 0.5, 0, 0, 1], p.A.Data);
        Assert.Equal([0.0, 0, 0.5], p.B.Data);
    }

    [Fact]
    public void Point_mass_observes_positions_and_CB_is_zero()
    {
        var p = Plants.PointMass(0.1);
        Assert.Equal(10.0, p.ClampBound);
        Assert.Equal(0.0, (p.C * p.B).MaxAbs());
        Assert.Equal(0.1, p.A[0, 1]);
        Assert.Equal(0.1, p.B[3, 1]);
    }

    [Fact]
    public void Bad_shapes_name_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => Plants.IntegratorChain(0));
        Assert.Contains("plant.order = 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => Plants.IntegratorChain(2, 1, 3));
        Assert.Contains("plant.observed = 3", e.Message);
    }
}
