namespace R1.Cli.Configuration;

/// <summary>The <c>chat:</c> section: a chat REPL (or one prompt) over the policy as an <c>IChatClient</c>.</summary>
internal sealed class ChatConfig : CommonConfig
{
    /// <summary>A system message for the conversation. Default none.</summary>
    public string? System { get; set; }
}
