using System.Globalization;

namespace ClosedLoop.Experiments;

/// <summary>A per-seed record of measures (one row of a claim's evidence).</summary>
public interface ISeeded
{
    /// <summary>The root seed of the runs the row was measured on.</summary>
    long Seed { get; }
}

/// <summary>How a measured value is compared with its bound.</summary>
public enum Comparison
{
    /// <summary>value &lt; bound.</summary>
    Below,
    /// <summary>value ≤ bound.</summary>
    AtMost,
    /// <summary>value &gt; bound.</summary>
    Above,
    /// <summary>value ≥ bound.</summary>
    AtLeast,
    /// <summary>lower ≤ value ≤ upper.</summary>
    Within,
}

/// <summary>
/// One condition of a claim on a row of type <typeparamref name="T"/>: it knows its own text (the claim's "expected"
/// is the conditions' texts joined by "and") and judges a row. A threshold is written once, here.
/// </summary>
public abstract record Test<T>
{
    /// <summary>The condition as the report shows it, e.g. <c>D(0)/D(e1+10) &gt;= 5</c>.</summary>
    public abstract string Text { get; }

    /// <summary>Whether <paramref name="row"/> meets the condition.</summary>
    public abstract bool Holds(T row);

    /// <summary>The quantity this condition measures (reported per seed when it is the claim's first), if any.</summary>
    public virtual Quantity<T>? Measured => null;
}

/// <summary>A named quantity of a row; its comparisons make the thresholds of a claim.</summary>
/// <param name="Name">How the quantity is written in the expected text, e.g. <c>D(0)/D(e1+10)</c>.</param>
/// <param name="Value">The quantity of a row (NaN: not measurable; a NaN never meets a threshold).</param>
public sealed record Quantity<T>(string Name, Func<T, double> Value)
{
    public Threshold<T> Below(double bound) => new(this, Comparison.Below, bound);
    public Threshold<T> AtMost(double bound) => new(this, Comparison.AtMost, bound);
    public Threshold<T> Above(double bound) => new(this, Comparison.Above, bound);
    public Threshold<T> AtLeast(double bound) => new(this, Comparison.AtLeast, bound);
    public Threshold<T> Within(double lower, double upper) => new(this, Comparison.Within, lower, upper);
}

/// <summary>A quantity compared with a bound (or a closed interval for <see cref="Comparison.Within"/>).</summary>
public sealed record Threshold<T>(Quantity<T> Quantity, Comparison Op, double Bound, double Upper = double.NaN) : Test<T>
{
    public override string Text => Op switch
    {
        Comparison.Within => $"{Quantity.Name} in [{Number.Text(Bound)}, {Number.Text(Upper)}]",
        _ => $"{Quantity.Name} {Symbol(Op)} {Number.Text(Bound)}",
    };

    public override bool Holds(T row) => Meets(Quantity.Value(row));

    public override Quantity<T>? Measured => Quantity;

    /// <summary>Whether the value <paramref name="v"/> meets the bound (false for NaN).</summary>
    public bool Meets(double v) => Op switch
    {
        Comparison.Below => v < Bound,
        Comparison.AtMost => v <= Bound,
        Comparison.Above => v > Bound,
        Comparison.AtLeast => v >= Bound,
        _ => v >= Bound && v <= Upper,
    };

    private static string Symbol(Comparison op) => op switch
    {
        Comparison.Below => "<",
        Comparison.AtMost => "<=",
        Comparison.Above => ">",
        _ => ">=",
    };
}

/// <summary>A yes/no property of a row whose bounds live with the measure that computes it (its text says what it asks).</summary>
public sealed record Property<T>(string Description, Func<T, bool> Predicate) : Test<T>
{
    public override string Text => Description;

    public override bool Holds(T row) => Predicate(row);
}

/// <summary>
/// A condition judged by a measure function that returns a value and a verdict together (for conditions with several
/// bounds, whose constants live beside the function; <paramref name="Description"/> is generated from those constants).
/// </summary>
/// <param name="Quantity">Name of the value the function returns (reported per seed).</param>
/// <param name="Description">The condition as the report shows it.</param>
/// <param name="Judge">Value and verdict of a row.</param>
public sealed record Verdict<T>(string Quantity, string Description, Func<T, (double Value, bool Holds)> Judge) : Test<T>
{
    public override string Text => Description;

    public override bool Holds(T row) => Judge(row).Holds;

    public override Quantity<T>? Measured => new(Quantity, r => Judge(r).Value);
}

/// <summary>Factories that make claim conditions read like their text.</summary>
public static class Criteria
{
    /// <summary>The quantity <paramref name="name"/> of a row.</summary>
    public static Quantity<T> Measure<T>(string name, Func<T, double> value) => new(name, value);

    /// <summary>A yes/no property of a row.</summary>
    public static Property<T> Is<T>(string description, Func<T, bool> predicate) => new(description, predicate);
}

/// <summary>Numbers in generated claim texts: up to six significant digits, exponent form for very small or large values.</summary>
public static class Number
{
    public static string Text(double x) =>
        x == 0 || (Math.Abs(x) >= 1e-4 && Math.Abs(x) < 1e6)
            ? x.ToString("G6", CultureInfo.InvariantCulture)
            : x.ToString("0.#####e0", CultureInfo.InvariantCulture);
}
