using Microsoft.Extensions.AI;
using R1.Cli.Configuration;
using R1.Cli.Models;
using R1.MLNet.Chat;
using R1.Rollout.Generation;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary>
/// <c>r1 chat</c>: a chat REPL over <c>policy.AsChatClient()</c>, streaming, the reasoning dimmed before the answer; <c>--prompt</c>
/// asks one question and exits. In the REPL, <c>/reset</c> clears the conversation and <c>/exit</c> (or end of input) quits.
/// </summary>
internal sealed class ChatCommand(IAnsiConsole console) : VerbCommand<ChatSettings>(console)
{
    protected override async Task<int> RunAsync(R1Config file, ChatSettings settings, CancellationToken cancellationToken)
    {
        var c = settings.Resolve(file);
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var template = c.Template is null ? null : PromptFormats.For(c.Template, policy).Template;
        var defaults = new SamplingOptions
        {
            Temperature = c.Temperature ?? 0.6, TopP = c.TopP ?? 0.95, MaxNewTokens = c.MaxNewTokens ?? 512, Seed = SeedOf(c),
        };
        var client = policy.AsChatClient(template, defaults);
        var history = new List<ChatMessage>();
        if (c.System is { } system) history.Add(new ChatMessage(ChatRole.System, system));
        if (settings.Prompt is { } prompt)
        {
            await AskAsync(client, history, prompt, cancellationToken);
            return 0;
        }
        Console.MarkupLine("[grey]r1 chat: /reset clears the conversation, /exit quits.[/]");
        while (!cancellationToken.IsCancellationRequested && ReadLine() is { } line)
        {
            if (line.Trim() == "/exit") break;
            if (line.Trim() == "/reset") { history.RemoveAll(m => m.Role != ChatRole.System); continue; }
            if (line.Trim().Length > 0) await AskAsync(client, history, line, cancellationToken);
        }
        return 0;
    }

    private string? ReadLine()
    {
        if (Console.Profile.Capabilities.Interactive)
            return Console.Prompt(new TextPrompt<string>("[bold]you>[/]").AllowEmpty());
        return System.Console.In.ReadLine();
    }

    private async Task AskAsync(IChatClient client, List<ChatMessage> history, string text, CancellationToken cancellationToken)
    {
        history.Add(new ChatMessage(ChatRole.User, text));
        var answer = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(history, cancellationToken: cancellationToken))
            foreach (var content in update.Contents)
            {
                if (content is TextReasoningContent reasoning) Console.Markup($"[dim]{Markup.Escape(reasoning.Text)}[/]");
                else if (content is TextContent part)
                {
                    Console.Write(part.Text);
                    answer.Append(part.Text);
                }
            }
        Console.WriteLine();
        history.Add(new ChatMessage(ChatRole.Assistant, answer.ToString()));
    }
}
