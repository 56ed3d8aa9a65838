using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 reject-sample</c>.</summary>
internal sealed class RejectSampleSettings : VerbSettings
{
    [CommandOption("-k|--samples <K>")]
    [Description("Samples per prompt. Default 4.")]
    public int? Samples { get; set; }

    [CommandOption("--include-rejected")]
    [Description("Also write dropped samples with their reason.")]
    public bool? IncludeRejected { get; set; }

    public RejectSampleConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.RejectSample, file);
        ApplyTo(c);
        c.Samples = Samples ?? c.Samples;
        c.IncludeRejected = IncludeRejected ?? c.IncludeRejected;
        return c;
    }
}
