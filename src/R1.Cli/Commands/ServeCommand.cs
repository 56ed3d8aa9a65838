using R1.Cli.Configuration;
using R1.Cli.Serving;
using R1.Serving;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary><c>r1 serve</c>: the OpenAI-compatible server (R1.Serving) over a policy folder or a saved model (<c>.zip</c>).</summary>
internal sealed class ServeCommand(IAnsiConsole console, IServerRunner runner) : VerbCommand<ServeSettings>(console)
{
    protected override async Task<int> RunAsync(R1Config file, ServeSettings settings, CancellationToken cancellationToken)
    {
        var options = Map(settings.Resolve(file));
        string id = options.ModelId ?? Path.GetFileName(options.ModelPath);
        Console.MarkupLine($"[bold]serve[/] {Markup.Escape(options.ModelPath)} as '{Markup.Escape(id)}' " +
                           $"at {Markup.Escape(options.Urls)} on {Markup.Escape(options.Device)}" +
                           (options.EnableLora ? $", LoRA adapters on (at most {options.MaxLoras})" : "") + " (Ctrl+C stops)");
        await runner.RunAsync(options, cancellationToken);
        return 0;
    }

    /// <summary>The server options of a resolved <c>serve</c> section.</summary>
    public static ServerOptions Map(ServeConfig c)
    {
        string model = c.Model ?? throw new CliException("No model: set 'model' in the config or pass --model (a policy folder or a .zip).");
        if (!Directory.Exists(model) && !File.Exists(model))
            throw new CliException($"Model '{model}' not found: serve needs a policy folder or a saved model (.zip).");
        var options = new ServerOptions { ModelPath = Path.GetFullPath(model), ModelId = c.ModelId };
        if (c.Urls is { } urls) options.Urls = urls;
        if (c.Device is { } device) options.Device = device;
        if (c.EnableLora is { } lora) options.EnableLora = lora;
        if (c.MaxLoras is { } maxLoras)
        {
            if (maxLoras <= 0) throw new CliException($"max-loras must be positive (got {maxLoras}).");
            options.MaxLoras = maxLoras;
        }
        return options;
    }
}
