using R1.Cli.Commands;
using R1.Cli.Configuration;
using R1.Cli.Serving;
using Spectre.Console;
using Spectre.Console.Cli;

namespace R1.Cli;

/// <summary>The <c>r1</c> command tree, shared by <c>Program</c> and the tests (which pass their own <see cref="IServerRunner"/>).</summary>
internal static class R1App
{
    /// <summary>Runs the tool. The first Ctrl+C cancels (a trainer stops at a step boundary and saves), a second one kills.</summary>
    public static int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler? handler = null;
        handler = (_, e) =>
        {
            e.Cancel = true;
            Console.CancelKeyPress -= handler;
            cancel.Cancel();
        };
        Console.CancelKeyPress += handler;
        var app = new CommandApp();
        app.Configure(c => Configure(c));
        return app.RunAsync(args, cancel.Token).GetAwaiter().GetResult();
    }

    public static void Configure(IConfigurator config, IServerRunner? runner = null)
    {
        config.SetApplicationName("r1");
        config.Settings.Registrar.RegisterInstance(runner ?? new OpenAiServerRunner());
        var settings = config.Settings;
        config.SetExceptionHandler((e, _) => Report(settings.Console ?? AnsiConsole.Console, e));
        config.AddCommand<SftCommand>("sft").WithDescription("Supervised fine-tuning on prompt/response rows.")
            .WithExample("sft", "--config", "r1.yaml", "--max-steps", "200");
        config.AddCommand<GrpoCommand>("grpo").WithDescription("GRPO with verifiable rewards (math, format, language, code).")
            .WithExample("grpo", "--model", "runs/sft", "--data", "train.jsonl", "--output", "runs/grpo");
        config.AddCommand<RejectSampleCommand>("reject-sample").WithDescription("Sample k completions per prompt; keep the correct, readable ones.")
            .WithExample("reject-sample", "--config", "r1.yaml", "-k", "8");
        config.AddCommand<EvalCommand>("eval").WithDescription("pass@1 and cons@k on MATH-500, GSM8K, AIME 2024, HumanEval or your data.")
            .WithExample("eval", "--model", "runs/grpo", "--benchmark", "gsm8k", "-k", "4", "--limit", "50");
        config.AddCommand<ServeCommand>("serve").WithDescription("An OpenAI-compatible server over a policy folder.")
            .WithExample("serve", "--model", "runs/grpo", "--urls", "http://127.0.0.1:8000");
        config.AddCommand<ChatCommand>("chat").WithDescription("Chat with a policy (streaming, reasoning dimmed); --prompt for one question.")
            .WithExample("chat", "--model", "runs/grpo", "--prompt", "What is 2+3*4?");
    }

    private static int Report(IAnsiConsole console, Exception e)
    {
        if (e is CommandAppException { Pretty: { } pretty })
        {
            console.Write(pretty);
            return 1;
        }
        var inner = e is CliException ? e : e.GetBaseException();
        console.MarkupLine($"[red]error:[/] {Markup.Escape(inner.Message)}");
        if (e is not CliException && Environment.GetEnvironmentVariable("R1_DEBUG") == "1") console.WriteException(e);
        return 1;
    }
}
