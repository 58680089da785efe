using System.Globalization;

namespace MemoryFunctions.Bench;

/// <summary>Nearest-rank percentiles of latency samples in milliseconds.</summary>
internal sealed class Percentiles(List<double> samples)
{
    private readonly double[] _sorted = [.. samples.Order()];

    public double P50 => At(0.50);

    public double P95 => At(0.95);

    public double P99 => At(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public int Count => _sorted.Length;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:F2} | {P95:F2} | {P99:F2}");

    private double At(double quantile) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(quantile * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
