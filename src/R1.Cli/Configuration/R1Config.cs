namespace R1.Cli.Configuration;

/// <summary>
/// A whole config file: common keys at the top level, one optional section per verb. Keys are matched ignoring case,
/// <c>-</c> and <c>_</c> (<c>maxSteps</c>, <c>max-steps</c> and <c>max_steps</c> are one key); an unknown key is an error.
/// </summary>
internal sealed class R1Config : CommonConfig
{
    /// <summary>The <c>sft</c> verb.</summary>
    public SftConfig? Sft { get; set; }

    /// <summary>The <c>grpo</c> verb.</summary>
    public GrpoConfig? Grpo { get; set; }

    /// <summary>The <c>reject-sample</c> verb.</summary>
    public RejectSampleConfig? RejectSample { get; set; }

    /// <summary>The <c>eval</c> verb.</summary>
    public EvalConfig? Eval { get; set; }

    /// <summary>The <c>serve</c> verb.</summary>
    public ServeConfig? Serve { get; set; }

    /// <summary>The <c>chat</c> verb.</summary>
    public ChatConfig? Chat { get; set; }

    /// <summary>A verb's effective section: its own keys, then the top-level ones.</summary>
    public static T Section<T>(T? section, CommonConfig root) where T : CommonConfig, new()
    {
        var result = section ?? new T();
        result.InheritFrom(root);
        return result;
    }
}
