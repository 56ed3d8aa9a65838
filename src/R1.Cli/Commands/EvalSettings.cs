using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 eval</c>.</summary>
internal sealed class EvalSettings : VerbSettings
{
    [CommandOption("-b|--benchmark <NAME>")]
    [Description("gsm8k, math500, aime24, humaneval or custom.")]
    public string? Benchmark { get; set; }

    [CommandOption("-k|--samples <K>")]
    [Description("Samples per question. Default 4.")]
    public int? Samples { get; set; }

    [CommandOption("-n|--limit <N>")]
    [Description("Evaluate the first N questions only.")]
    public int? Limit { get; set; }

    public EvalConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.Eval, file);
        ApplyTo(c);
        c.Benchmark = (Benchmark ?? c.Benchmark)?.ToLowerInvariant();
        c.Samples = Samples ?? c.Samples;
        c.Limit = Limit ?? c.Limit;
        return c;
    }
}
