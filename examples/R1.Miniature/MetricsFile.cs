using System.Text.Json;
using R1.MLNet.Recipe;
using R1.Synthetic;

namespace R1.Miniature;

/// <summary>One JSON line per stage and per student arm.</summary>
public static class MetricsFile
{
    public static string Write(MiniatureReport report, string path)
    {
        var lines = report.Recipe.Stages.Select(s => JsonSerializer.Serialize(new
        {
            kind = "stage", stage = s.Stage.ToString(), accuracy = s.Evaluation?.Accuracy, by_task_type = s.Evaluation?.ByTaskType,
            steps = s.Steps, seconds = s.Seconds, rs_samples = s.RejectionSampling?.Samples, rs_kept = s.RejectionSampling?.Kept,
            rs_dropped = s.RejectionSampling?.DroppedByReason, sft_rows = s.SftRows,
        })).ToList();
        var p = report.Planted;
        lines.Add(JsonSerializer.Serialize(new
        {
            kind = "planted", kept = p.Kept, kept_mixed_script = p.KeptMixedScript, kept_code_block = p.KeptCodeBlock,
            corpus_mixed_script = p.CorpusMixedScript, corpus_code_block = p.CorpusCodeBlock,
        }));
        if (report.Students is { } st)
            foreach (var (arm, run) in new[] { ("base", (StudentRun?)null), ("rl", st.Rl), ("distilled", st.Distilled) })
                lines.Add(JsonSerializer.Serialize(new
                {
                    kind = "student", arm, accuracy = (run?.Evaluation ?? st.Base).Accuracy, by_task_type = (run?.Evaluation ?? st.Base).ByTaskType,
                    steps = run?.Steps, sequences = run?.Sequences, tokens = run?.Tokens, seconds = run?.Seconds, parameters = st.StudentParameters,
                }));
        File.WriteAllLines(path, lines);
        return path;
    }
}
