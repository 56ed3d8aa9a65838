using R1.Cli.Models;

namespace R1.Cli.Configuration;

/// <summary>
/// The keys every verb understands. At the top of a config file they are the defaults of every verb's section; in a section
/// (<c>sft:</c>, <c>grpo:</c>, …) they apply to that verb only; a command-line flag overrides both.
/// </summary>
internal class CommonConfig
{
    /// <summary>
    /// A Hugging Face folder (config.json, safetensors, tokenizer), or a from-scratch preset: <c>tiny</c>, <c>small</c>, <c>micro</c>.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The dataset (see <see cref="DataConfig"/>).</summary>
    public DataConfig? Data { get; set; }

    /// <summary>Where the verb writes: the policy folder (sft, grpo), a JSONL file (reject-sample), a report folder (eval).</summary>
    public string? Output { get; set; }

    /// <summary>Random seed (model initialisation, data order, sampling). Default 42.</summary>
    public int? Seed { get; set; }

    /// <summary>Torch device: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>. Default <c>cpu</c>.</summary>
    public string? Device { get; set; }

    /// <summary>
    /// Prompt template: <c>r1-zero</c> (default), <c>deepseek-r1</c>, <c>chatml</c>, <c>none</c>, or <c>model</c> (the checkpoint's own).
    /// </summary>
    public string? Template { get; set; }

    /// <summary>The most tokens generated per completion.</summary>
    public int? MaxNewTokens { get; set; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling threshold.</summary>
    public double? TopP { get; set; }

    /// <summary>Fills every unset common key from <paramref name="parent"/> (the top level of the file).</summary>
    public void InheritFrom(CommonConfig parent)
    {
        Model ??= parent.Model;
        Data = (Data?.Clone() ?? (parent.Data is null ? null : new DataConfig()))?.InheritFrom(parent.Data);
        Output ??= parent.Output;
        Seed ??= parent.Seed;
        Device ??= parent.Device;
        Template ??= parent.Template;
        MaxNewTokens ??= parent.MaxNewTokens;
        Temperature ??= parent.Temperature;
        TopP ??= parent.TopP;
    }

    /// <summary>Makes relative paths (data, output, a model folder) relative to <paramref name="baseDirectory"/>.</summary>
    public virtual void ResolvePaths(string baseDirectory)
    {
        if (Data?.Path is { } data) Data.Path = Path.GetFullPath(data, baseDirectory);
        if (Output is { } output) Output = Path.GetFullPath(output, baseDirectory);
        if (Model is { } model && !(ModelPresets.IsPreset(model) && !Directory.Exists(Path.Combine(baseDirectory, model))))
            Model = Path.GetFullPath(model, baseDirectory);
    }
}
