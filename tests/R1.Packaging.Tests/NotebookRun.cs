using System.Text.Json;

namespace R1.Packaging.Tests;

/// <summary>One executed notebook: dotnet-repl's exit and output, and the errors recorded in the notebook it wrote.</summary>
public sealed record NotebookRun(ProcessResult Process, IReadOnlyList<string> CellErrors)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs every cell of <paramref name="notebook"/> in the .NET Interactive C# kernel (<c>dotnet repl</c>, pinned in
    /// .config/dotnet-tools.json), from the notebook's folder as a user would, and writes the executed notebook to
    /// <paramref name="outputPath"/>.
    /// </summary>
    public static NotebookRun Execute(string notebook, string outputPath)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" };
        var process = ProcessRunner.Run("dotnet",
            ["repl", "--run", notebook, "--exit-after-run", "--output-path", outputPath],
            Path.GetDirectoryName(notebook)!, Timeout, environment);
        var errors = File.Exists(outputPath) ? ErrorsOf(outputPath) : ["(dotnet repl wrote no output notebook)"];
        return new NotebookRun(process, errors);
    }

    /// <summary>Each code cell output of type "error", or on stderr, as "cell N: text".</summary>
    public static IReadOnlyList<string> ErrorsOf(string notebookPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var errors = new List<string>();
        int index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray())
            {
                var type = output.GetProperty("output_type").GetString();
                if (type == "error") errors.Add($"cell {index}: {Text(output, "ename")}: {Text(output, "evalue")}");
                else if (type == "stream" && Text(output, "name") == "stderr") errors.Add($"cell {index} (stderr): {Text(output, "text")}");
            }
        }
        return errors;
    }

    private static string Text(JsonElement output, string property) =>
        !output.TryGetProperty(property, out var value) ? ""
        : value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.GetString() ?? "";
}
