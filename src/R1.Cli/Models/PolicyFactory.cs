using R1.Cli.Configuration;
using R1.Rollout;

namespace R1.Cli.Models;

/// <summary>Opens the <c>model</c> of a config: a Hugging Face folder (<see cref="Policy.Load"/>) or a from-scratch preset.</summary>
internal static class PolicyFactory
{
    public static Policy Open(string? model, string? device, int seed)
    {
        if (string.IsNullOrWhiteSpace(model))
            throw new CliException($"No model: set 'model' in the config or pass --model (a Hugging Face folder or {Presets}).");
        var options = new PolicyOptions { Device = device ?? "cpu", Seed = seed };
        if (Directory.Exists(model)) return Policy.Load(model, options);
        if (ModelPresets.IsPreset(model))
        {
            var tokenizer = ModelPresets.Tokenizer();
            return Policy.Create(ModelPresets.Config(model, tokenizer.VocabSize), tokenizer, options);
        }
        throw new CliException($"Model '{model}' is neither a folder nor a preset ({Presets}).");
    }

    private static string Presets => string.Join(", ", ModelPresets.Names);
}
