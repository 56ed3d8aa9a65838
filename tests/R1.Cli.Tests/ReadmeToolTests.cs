using System.Text.RegularExpressions;
using R1.Cli.Configuration;
using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary>
/// The README's "The `r1` tool" section, run: its YAML block parses as a config, and every command of its bash block runs
/// in-process against that file (with tiny sizes appended, so the whole section takes seconds).
/// </summary>
public sealed partial class ReadmeToolTests
{
    /// <summary>Appended per verb: a micro model and a few steps instead of the README's sizes.</summary>
    private static readonly Dictionary<string, string[]> Tiny = new()
    {
        ["sft"] = ["--model", "micro", "--max-steps", "2", "--batch-size", "4"],
        ["grpo"] = ["--max-steps", "1", "--prompts-per-step", "2", "-g", "2", "--max-new-tokens", "8"],
        ["reject-sample"] = ["-k", "2", "--max-new-tokens", "8"],
        ["eval"] = ["--limit", "3", "-k", "2", "--max-new-tokens", "8"],
        ["chat"] = ["--max-new-tokens", "8"],
        ["serve"] = [],
    };

    [Test]
    public void The_readme_config_parses_and_its_commands_run()
    {
        string section = Section(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")));
        string yaml = Block(section, "r1-readme-config", "yaml");
        var commands = Block(section, "r1-readme-commands", "bash").Split('\n').Where(l => l.StartsWith("r1 ", StringComparison.Ordinal)).ToList();
        var config = ConfigLoader.Parse(yaml, "r1.yaml");
        config.Sft!.Output.Should().NotBeNull();
        commands.Select(c => c.Split(' ')[1]).Should().BeEquivalentTo(Tiny.Keys, "every verb is shown");

        string dir = TinyData.TempFolder();
        File.WriteAllText(Path.Combine(dir, "r1.yaml"), yaml);
        TinyData.WriteJsonl(dir);
        var tool = new R1Tool();
        string cwd = Environment.CurrentDirectory;
        Environment.CurrentDirectory = dir;
        try
        {
            foreach (var command in commands)
            {
                var args = Arguments(command).Skip(1)
                    .Select(a => a.StartsWith("testdata/", StringComparison.Ordinal) ? Path.Combine(TestPaths.RepoRoot, a) : a);
                var result = tool.Run([.. args, .. Tiny[command.Split(' ')[1]]]);
                result.ExitCode.Should().Be(0, $"'{command}' printed:\n{result.Output}");
            }
        }
        finally { Environment.CurrentDirectory = cwd; }
        File.Exists(Path.Combine(dir, "runs", "grpo", "metrics.png")).Should().BeTrue();
        TinyData.Lines(Path.Combine(dir, "runs", "eval", "gsm8k.jsonl")).Should().HaveCount(3);
        tool.Server.Calls.Should().ContainSingle().Which.ModelPath.Should().Be(Path.Combine(dir, "runs", "grpo"));
        Directory.Delete(dir, recursive: true);
    }

    private static string Section(string readme)
    {
        int start = readme.IndexOf("## The `r1` tool", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "the README has the section");
        int end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    private static string Block(string section, string marker, string language)
    {
        var match = Regex.Match(section, $"<!-- {marker} -->\\n```{language}\\n(.*?)\\n```", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the section has a ```{language} block after <!-- {marker} -->");
        return match.Groups[1].Value;
    }

    /// <summary>Splits a shell line into words, honouring double quotes, dropping a trailing comment.</summary>
    private static List<string> Arguments(string line) =>
        Words().Matches(line.Split("  #")[0]).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
