using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 serve</c>.</summary>
internal sealed class ServeSettings : VerbSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("The URLs to listen on. Default http://127.0.0.1:8000.")]
    public string? Urls { get; set; }

    [CommandOption("--model-id <ID>")]
    [Description("The model id of /v1/models. Default the folder name.")]
    public string? ModelId { get; set; }

    public ServeConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.Serve, file);
        ApplyTo(c);
        c.Urls = Urls ?? c.Urls;
        c.ModelId = ModelId ?? c.ModelId;
        return c;
    }
}
