using R1.Synthetic;
using ScottPlot;

namespace R1.Miniature;

/// <summary>Held-out accuracy per stage and task type (ScottPlot 5 grouped bars), plus the two student arms.</summary>
public static class StagePlot
{
    public static string Save(MiniatureReport report, string path)
    {
        var labels = report.Recipe.Stages.Select(s => Report.StageName(s.Stage)).ToList();
        var rows = report.Recipe.Stages.Select(s => s.Evaluation!).ToList();
        if (report.Students is { } st)
        {
            labels.AddRange(["student: GRPO", "student: distilled"]);
            rows.AddRange([st.Rl.Evaluation, st.Distilled.Evaluation]);
        }
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var types = RecipeTaskFamily.TaskTypes;
        for (int t = 0; t < types.Count; t++)
        {
            var bars = rows.Select((e, i) => new Bar
            {
                Position = i * (types.Count + 1) + t, Value = e.ByTaskType.GetValueOrDefault(types[t]), FillColor = palette.GetColor(t),
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = types[t], FillColor = palette.GetColor(t) });
        }
        plot.Axes.Bottom.SetTicks(labels.Select((_, i) => i * (types.Count + 1) + (types.Count - 1) / 2.0).ToArray(), labels.ToArray());
        plot.Axes.Left.Label.Text = "held-out accuracy (greedy)";
        plot.Axes.SetLimitsY(0, 1);
        plot.Title("R1 in miniature: accuracy per stage and task type");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1100, 500);
        return path;
    }
}
