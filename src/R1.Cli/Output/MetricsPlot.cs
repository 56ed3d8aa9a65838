using ScottPlot;

namespace R1.Cli.Output;

/// <summary>A PNG of chosen metrics against the step (ScottPlot 5): the first series on the left axis, the others on the right.</summary>
internal static class MetricsPlot
{
    public const string FileName = "metrics.png";

    public static string Save(string folder, string title, IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var plot = new Plot();
        double[] steps = rows.Select(r => r["step"]).ToArray();
        foreach (var name in left) Series(plot, steps, rows, name);
        foreach (var name in right) Series(plot, steps, rows, name).Axes.YAxis = plot.Axes.Right;
        plot.Axes.Left.Label.Text = string.Join(" / ", left);
        if (right.Count > 0) plot.Axes.Right.Label.Text = string.Join(" / ", right);
        plot.Axes.Bottom.Label.Text = "step";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        string path = Path.Combine(folder, FileName);
        plot.SavePng(path, 900, 500);
        return path;
    }

    private static ScottPlot.Plottables.Scatter Series(Plot plot, double[] steps, IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        string name)
    {
        var scatter = plot.Add.Scatter(steps, rows.Select(r => r.TryGetValue(name, out var v) && double.IsFinite(v) ? v : double.NaN).ToArray());
        scatter.LegendText = name;
        return scatter;
    }
}
