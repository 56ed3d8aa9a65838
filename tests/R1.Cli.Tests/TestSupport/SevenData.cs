using System.Text.Json;

namespace R1.Cli.Tests.TestSupport;

/// <summary>Questions whose answer is always 7, with the worked response <c>&lt;think&gt;7&lt;/think&gt;&lt;answer&gt;7&lt;/answer&gt;</c>:
/// 40 SFT steps teach it to the micro model, so a test can see correct answers go through eval, rejection sampling and chat.</summary>
internal static class SevenData
{
    public const string Response = "<think>7</think><answer>7</answer>";

    public static string Write(string folder)
    {
        string path = Path.Combine(folder, "seven.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 8).Select(i =>
            JsonSerializer.Serialize(new { question = $"{i}+7-{i}", response = Response, answer = "7" })));
        return path;
    }
}
