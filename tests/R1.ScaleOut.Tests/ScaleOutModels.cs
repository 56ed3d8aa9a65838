using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.ScaleOut.Tests;

/// <summary>
/// The checkpoints the engine processes serve, written once per run into a temporary folder (deleted by
/// <see cref="EngineProcessCleanup"/>): the tiny Qwen2 checkpoint with Qwen3's real tokenizer, and a tiny model with the character
/// tokenizer (another vocabulary size) for the mismatch tests.
/// </summary>
public static class ScaleOutModels
{
    /// <summary>The model id the shared engines serve the Qwen checkpoint under.</summary>
    public const string QwenId = "tiny-qwen";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "r1-scaleout-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly Lazy<string> Qwen = new(() => TinyQwenCheckpoint.Write(Path.Combine(Root, "tiny-qwen")));
    private static readonly Lazy<string> Char = new(WriteCharModel);

    /// <summary>A scratch folder under the run's temporary root (for adapters and the like).</summary>
    public static string Scratch(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>The tiny Qwen2 checkpoint (Qwen3 tokenizer, 151k ids, hidden size 16).</summary>
    public static string QwenFolder => Qwen.Value;

    /// <summary>A tiny model with the character tokenizer: a different vocabulary from <see cref="QwenFolder"/>'s.</summary>
    public static string CharFolder => Char.Value;

    /// <summary>Deletes the run's checkpoints.</summary>
    public static void Delete()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static string WriteCharModel()
    {
        string folder = Path.Combine(Root, "tiny-char");
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 5 });
        policy.Save(folder);
        return folder;
    }
}
