using R1.Cli.Configuration;
using R1.Rollout.Generation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>A verb: loads the config named by <c>--config</c>, then runs with the flags applied over it.</summary>
internal abstract class VerbCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings> where TSettings : VerbSettings
{
    protected IAnsiConsole Console { get; } = console;

    public override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken) =>
        RunAsync(ConfigLoader.Load(settings.Config), settings, cancellationToken);

    protected abstract Task<int> RunAsync(R1Config file, TSettings settings, CancellationToken cancellationToken);

    /// <summary>The seed when neither the config nor <c>--seed</c> sets one.</summary>
    protected const int DefaultSeed = 42;

    /// <summary>The run's seed: the config's or <c>--seed</c>, else <see cref="DefaultSeed"/>.</summary>
    protected static int SeedOf(CommonConfig config) => config.Seed ?? DefaultSeed;

    /// <summary>Applies the config's sampling keys (maxNewTokens, temperature, topP) over a verb's defaults.</summary>
    protected static void ApplySampling(CommonConfig config, SamplingOptions sampling)
    {
        if (config.MaxNewTokens is { } tokens) sampling.MaxNewTokens = tokens;
        if (config.Temperature is { } t) sampling.Temperature = t;
        if (config.TopP is { } p) sampling.TopP = p;
    }

    /// <summary>Runs an options' <c>Validate()</c>, turning its <see cref="ArgumentException"/> into a CLI error named after the verb.</summary>
    protected static void Validate(string verb, Action validate)
    {
        try { validate(); }
        catch (ArgumentException e) { throw new CliException($"{verb}: {e.Message.Split(" (Parameter")[0]}", e); }
    }

    protected static string RequireOutput(CommonConfig config, string what) =>
        config.Output ?? throw new CliException($"No output: set 'output' in the config or pass --output ({what}).");

    protected static DataConfig RequireData(CommonConfig config) =>
        config.Data ?? throw new CliException("No data: set 'data' in the config or pass --data (a .jsonl or .csv file).");

    /// <summary>The trainers' logger: warnings always, information with <c>--verbose</c>.</summary>
    protected Microsoft.Extensions.Logging.ILogger Logger(VerbSettings settings) => new Output.ConsoleLogger(Console, settings.Verbose);

    /// <summary>The same for the reward pipeline's DI.</summary>
    protected Microsoft.Extensions.Logging.ILoggerFactory Logging(VerbSettings settings) =>
        new Output.ConsoleLoggerFactory(Console, settings.Verbose);

    protected void Done(string text) => Console.MarkupLine($"[green]✓[/] {Markup.Escape(text)}");

    /// <summary>A path as the user would type it: relative to the working folder when it lies under it.</summary>
    protected static string Display(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
