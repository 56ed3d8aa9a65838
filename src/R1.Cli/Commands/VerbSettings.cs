using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of every verb; each overrides the same key of the config file.</summary>
internal class VerbSettings : CommandSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("A YAML or JSON config file (top-level keys plus a section per verb).")]
    public string? Config { get; set; }

    [CommandOption("-m|--model <MODEL>")]
    [Description("A Hugging Face folder, or a from-scratch preset: micro, tiny, small.")]
    public string? Model { get; set; }

    [CommandOption("-d|--data <FILE>")]
    [Description("A dataset: .jsonl, .jsonl.gz, .json or .csv.")]
    public string? Data { get; set; }

    [CommandOption("-o|--output <PATH>")]
    [Description("Where to write (policy folder, JSONL file or report folder).")]
    public string? Output { get; set; }

    [CommandOption("--seed <N>")]
    [Description("Random seed. Default 42.")]
    public int? Seed { get; set; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu (default), cuda, cuda:1.")]
    public string? Device { get; set; }

    [CommandOption("--template <NAME>")]
    [Description("Prompt template: r1-zero (default), deepseek-r1, chatml, none, model.")]
    public string? Template { get; set; }

    [CommandOption("--max-new-tokens <N>")]
    [Description("The most tokens generated per completion.")]
    public int? MaxNewTokens { get; set; }

    [CommandOption("--temperature <T>")]
    [Description("Sampling temperature.")]
    public double? Temperature { get; set; }

    [CommandOption("-v|--verbose")]
    [Description("Also print the trainers' information log (warnings are always shown).")]
    public bool Verbose { get; set; }

    [CommandOption("--top-p <P>")]
    [Description("Nucleus sampling threshold.")]
    public double? TopP { get; set; }

    /// <summary>Writes the given flags over <paramref name="config"/> (paths relative to the working folder).</summary>
    public void ApplyTo(CommonConfig config)
    {
        if (Model is not null) config.Model = Directory.Exists(Model) ? Path.GetFullPath(Model) : Model;
        if (Data is not null) (config.Data ??= new DataConfig()).Path = Path.GetFullPath(Data);
        if (Output is not null) config.Output = Path.GetFullPath(Output);
        config.Seed = Seed ?? config.Seed;
        config.Device = Device ?? config.Device;
        config.Template = Template ?? config.Template;
        config.MaxNewTokens = MaxNewTokens ?? config.MaxNewTokens;
        config.Temperature = Temperature ?? config.Temperature;
        config.TopP = TopP ?? config.TopP;
    }
}
