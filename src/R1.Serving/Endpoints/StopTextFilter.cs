using R1.Rollout.Generation;

namespace R1.Serving.Endpoints;

/// <summary>
/// OpenAI leaves the stop string out of the text. Generation keeps it (<see cref="GenerationResult.Text"/> ends with it), so a
/// stream holds back the last <c>longest stop − 1</c> characters until they cannot start a stop string, and the final text is cut.
/// </summary>
internal sealed class StopTextFilter(IReadOnlyList<string> stops)
{
    private readonly int _holdBack = stops.Count == 0 ? 0 : stops.Max(s => s.Length) - 1;
    private string _text = "";
    private int _sent;

    /// <summary>The text of <paramref name="result"/> without the stop string that ended it.</summary>
    public static string Final(GenerationResult result, IReadOnlyList<string> stops)
    {
        if (result.FinishReason != FinishReason.Stop) return result.Text;
        var stop = stops.Where(s => result.Text.EndsWith(s, StringComparison.Ordinal)).MaxBy(s => s.Length);
        return stop is null ? result.Text : result.Text[..^stop.Length];
    }

    /// <summary>Adds a streamed piece; returns the text now safe to send.</summary>
    public string Append(string piece)
    {
        _text += piece;
        int safe = Math.Max(_sent, _text.Length - _holdBack);
        string delta = _text[_sent..safe];
        _sent = safe;
        return delta;
    }

    /// <summary>The rest of the final text once the row is done.</summary>
    public string Finish(GenerationResult result)
    {
        string final = Final(result, stops);
        if (final.Length <= _sent || !final.StartsWith(_text[.._sent], StringComparison.Ordinal)) return "";
        string delta = final[_sent..];
        _sent = final.Length;
        return delta;
    }
}
