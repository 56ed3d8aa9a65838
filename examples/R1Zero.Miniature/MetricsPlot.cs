using R1.MLNet.Training;
using ScottPlot;

namespace R1Zero.Miniature;

/// <summary>Plots reward, training accuracy, held-out accuracy and completion length against the step (ScottPlot 5).</summary>
public static class MetricsPlot
{
    public static string Save(IReadOnlyList<GrpoStepMetrics> history, double baseAccuracy, string path)
    {
        var plot = new Plot();
        double[] steps = history.Select(m => (double)m.Step).ToArray();
        var reward = plot.Add.Scatter(steps, history.Select(m => m.RewardMean).ToArray());
        reward.LegendText = "reward (math + 0.5 format)";
        var accuracy = plot.Add.Scatter(steps, history.Select(m => m.Accuracy).ToArray());
        accuracy.LegendText = "accuracy (training samples)";
        var evals = history.Where(m => m.EvalAccuracy.HasValue).ToList();
        if (evals.Count > 0)
        {
            var eval = plot.Add.Scatter(evals.Select(m => (double)m.Step).Prepend(0).ToArray(),
                evals.Select(m => m.EvalAccuracy!.Value).Prepend(baseAccuracy).ToArray());
            eval.LegendText = "held-out accuracy (greedy; step 0 = base model)";
            eval.MarkerSize = 8;
        }
        var length = plot.Add.Scatter(steps, history.Select(m => m.CompletionLength).ToArray());
        length.LegendText = "completion length (tokens, right axis)";
        length.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "tokens";
        plot.Axes.Left.Label.Text = "reward / accuracy";
        plot.Axes.Bottom.Label.Text = "GRPO step";
        plot.Title("R1-Zero in miniature: GRPO on a+b*c");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 500);
        return path;
    }
}
