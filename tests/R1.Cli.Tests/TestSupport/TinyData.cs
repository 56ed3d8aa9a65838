using System.Text.Json;

namespace R1.Cli.Tests.TestSupport;

/// <summary>A small a+b*c dataset (question, worked response, answer) written as JSONL, and temporary folders.</summary>
internal static class TinyData
{
    public static string TempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-cli-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static IReadOnlyList<(string Question, string Response, string Answer)> Rows(int count)
    {
        var random = new Random(3);
        return Enumerable.Range(0, count).Select(_ =>
        {
            int a = random.Next(10), b = random.Next(10), c = random.Next(10);
            return ($"{a}+{b}*{c}", $"<think>{b}*{c}={b * c} {a}+{b * c}={a + b * c}</think><answer>{a + b * c}</answer>", $"{a + b * c}");
        }).ToList();
    }

    public static string WriteJsonl(string folder, int count = 12, string name = "train.jsonl")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllLines(path,
            Rows(count).Select(r => JsonSerializer.Serialize(new { question = r.Question, response = r.Response, answer = r.Answer })));
        return path;
    }

    public static string[] Lines(string path) => File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
}
