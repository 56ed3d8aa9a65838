using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.MLNet.Training;

/// <summary>
/// The JSONL output of a rejection-sampling run: one line per row, appended and flushed batch by batch. <see cref="Resume"/> reads an
/// earlier run back: it drops a torn last line and an incomplete last batch (truncating the file to the last complete batch), and
/// refuses a file whose lines belong to other prompts or settings.
/// </summary>
internal sealed class RejectionSampleFile(string path, string fingerprint, IReadOnlyList<ReasoningExample> prompts, int batchSize, int k)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The rows of every complete batch in the file (none when it does not exist); the file is cut after them.</summary>
    public List<RejectionSampleRow> Resume(out int completeBatches)
    {
        completeBatches = 0;
        var rows = new List<RejectionSampleRow>();
        if (!File.Exists(path)) return rows;
        byte[] bytes = File.ReadAllBytes(path);
        long keepBytes = 0;
        var batch = new List<RejectionSampleRow>();
        int start = 0, lineNumber = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) break;                                                            // a torn last line
            lineNumber++;
            var line = Parse(bytes.AsSpan(start, end - start), lineNumber, isLast: end == bytes.Length - 1);
            start = end + 1;
            if (line is null) break;
            Check(line, lineNumber, completeBatches, batch.Count);
            batch.Add(line.ToRow());
            if (batch.Count < RowsIn(completeBatches)) continue;
            rows.AddRange(batch);
            batch.Clear();
            completeBatches++;
            keepBytes = start;
        }
        if (keepBytes < bytes.Length)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(keepBytes);
        }
        return rows;
    }

    /// <summary>Appends a batch's rows and flushes them to disk.</summary>
    public void Append(int batch, IReadOnlyList<RejectionSampleRow> rows)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(JsonSerializer.Serialize(RejectionSampleLine.From(row, batch, fingerprint), Json)).Append('\n');
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(Encoding.UTF8.GetBytes(text.ToString()));
        file.Flush(flushToDisk: true);
    }

    /// <summary>The number of rows batch <paramref name="batch"/> has: its prompts times k.</summary>
    public int RowsIn(int batch) => Math.Min(batchSize, prompts.Count - batch * batchSize) * k;

    private RejectionSampleLine? Parse(ReadOnlySpan<byte> text, int lineNumber, bool isLast)
    {
        try
        {
            return JsonSerializer.Deserialize<RejectionSampleLine>(text, Json) ?? throw new JsonException("the line is 'null'");
        }
        catch (JsonException ex)
        {
            if (isLast) return null;                                                       // a torn last line that happens to end in \n
            throw Mismatch(lineNumber, $"it is not a rejection-sampling row ({ex.Message})");
        }
    }

    private void Check(RejectionSampleLine line, int lineNumber, int batch, int rowInBatch)
    {
        if (line.Run != fingerprint)
            throw Mismatch(lineNumber, $"it was written by a run with other settings or another teacher (fingerprint '{line.Run}', this run " +
                                       $"'{fingerprint}': SamplesPerPrompt, PromptsPerBatch, Sampling, Seed, keep rules, filters, rewards " +
                                       "and the number of prompts must match)");
        int prompt = batch * batchSize + rowInBatch / k, sample = rowInBatch % k;
        if (prompt >= prompts.Count || RowsIn(batch) <= 0)
            throw Mismatch(lineNumber, $"it has more rows than {prompts.Count} prompts × {k} samples");
        if (line.Batch != batch || line.PromptIndex != prompt || line.SampleIndex != sample)
            throw Mismatch(lineNumber, $"expected batch {batch}, prompt {prompt}, sample {sample}; " +
                                       $"found batch {line.Batch}, prompt {line.PromptIndex}, sample {line.SampleIndex}");
        if (!string.Equals(line.Prompt, prompts[prompt].Prompt, StringComparison.Ordinal))
            throw Mismatch(lineNumber, $"its prompt {prompt} is not the input's prompt {prompt} (the file belongs to other prompts)");
    }

    private InvalidDataException Mismatch(int lineNumber, string reason) =>
        new($"The rejection-sampling output file '{path}' cannot be resumed: line {lineNumber}: {reason}. " +
            "Delete it or choose another OutputPath.");
}
