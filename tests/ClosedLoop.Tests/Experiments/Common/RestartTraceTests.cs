using System.Numerics;
using ClosedLoop.Experiments;

namespace ClosedLoop.Tests.Experiments.Common;

public class RestartTraceTests
{
    [Fact]
    public void Imaginary_shift_is_measured_from_restart_epoch_zero()
    {
        var path = new[] { new Complex(1.0, 0.15), new Complex(1.0, 0.17), new Complex(0.99, 0.21) };
        var r = new RestartTrace(10, [], [], [], null, null, [0, 1, 2], path);
        Assert.Equal(0.06, r.ImaginaryShift(2), 12);
        Assert.True(double.IsNaN(r.ImaginaryShift(15)));
    }
}
