using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 chat</c>.</summary>
internal sealed class ChatSettings : VerbSettings
{
    [CommandOption("-p|--prompt <TEXT>")]
    [Description("Ask one question, print the streamed reply, exit (no REPL).")]
    public string? Prompt { get; set; }

    [CommandOption("--system <TEXT>")]
    [Description("A system message.")]
    public string? System { get; set; }

    public ChatConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.Chat, file);
        ApplyTo(c);
        c.System = System ?? c.System;
        return c;
    }
}
