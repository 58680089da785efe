using System.Globalization;
using System.Text;

namespace MemoryFunctions.Bench.Scale;

/// <summary>
/// Issue 27's targets beside what one run measured: each benchmark of the <c>scale</c> verb adds the rows it measures as
/// it finishes (with the load average at that moment, since wall-clock figures on a shared machine follow it), and the
/// sheet becomes the generated "Issue 27 targets" table. A benchmark run on its own passes no sheet.
/// </summary>
internal sealed class TargetSheet
{
    private readonly List<Row> _rows = [];

    /// <summary>Adds a measured target; <paramref name="met"/> null when the part did not measure it.</summary>
    public void Add(string target, string measured, bool? met, string source)
    {
        lock (_rows)
        {
            _rows.Add(new Row(target, measured, met, source, MachineInfo.LoadAverage()));
        }
    }

    /// <summary>A target checked against a number: a number the part could not give (NaN) is "not measured", never a miss.</summary>
    public void Add(string target, string measured, double value, Func<double, bool> meets, string source) =>
        Add(target, measured, double.IsNaN(value) ? null : meets(value), source);

    /// <summary>A target the run could not measure (the part failed or was left out), said as such, never dropped.</summary>
    public void NotMeasured(string target, string why, string source) => Add(target, "not measured: " + why, null, source);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| target (issue 27) | measured in this run | verdict | part (verb) | load average (1 / 5 / 15 min) as the part ended |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            var verdict = row.Met switch { true => "met", false => "**missed**", null => "not measured" };
            // A cell must not end the row early: a measurement that quotes a table row keeps its words, not its bars.
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Target.Replace('|', '/')} | {row.Measured.Replace('|', '/')} | {verdict} | {row.Source} | {row.Load} |");
        }

        return text.ToString();
    }

    private sealed record Row(string Target, string Measured, bool? Met, string Source, string Load);
}
