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

    [CommandArgument(0, "[MODEL]")]
    [Description("The policy folder or saved model (.zip) to serve, as in 'vllm serve <model>'; the same as --model.")]
    public string? ModelArgument { get; set; }

    [CommandOption("--enable-lora")]
    [Description("Serve LoRA adapters loaded at run time through /v1/load_lora_adapter (vLLM's --enable-lora).")]
    public bool? EnableLora { get; set; }

    [CommandOption("--max-loras <N>")]
    [Description("Most LoRA adapters loaded at once (each holds a copy of the base weights). Default 4.")]
    public int? MaxLoras { get; set; }

    public ServeConfig Resolve(R1Config file)
    {
        if (ModelArgument is not null && Model is not null && ModelArgument != Model)
            throw new CliException($"Two models: '{ModelArgument}' and --model '{Model}'; pass one.");
        Model ??= ModelArgument;
        var c = R1Config.Section(file.Serve, file);
        ApplyTo(c);
        c.Urls = Urls ?? c.Urls;
        c.ModelId = ModelId ?? c.ModelId;
        c.EnableLora = EnableLora ?? c.EnableLora;
        c.MaxLoras = MaxLoras ?? c.MaxLoras;
        return c;
    }
}
