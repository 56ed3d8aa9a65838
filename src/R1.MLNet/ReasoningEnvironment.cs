using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using R1.MLNet.Logging;

namespace R1.MLNet;

/// <summary>
/// What the steps made by <c>mlContext.Reasoning()</c> take from their <see cref="MLContext"/>: a seed drawn once from its random
/// source (seeded by <c>new MLContext(seed: n)</c>, so the same seed gives the same run, another seed another run) and its log
/// channel (what <see cref="MLContext.Log"/> subscribers receive). One per context, registered as the host <c>R1</c>: every
/// catalog of a context, and so every step, shares it, as every step shared the fixed default seed before.
/// </summary>
internal sealed class ReasoningEnvironment
{
    private static readonly ConditionalWeakTable<MLContext, ReasoningEnvironment> PerContext = new();

    private readonly IHost _host;

    private ReasoningEnvironment(MLContext context)
    {
        _host = ((IHostEnvironment)context).Register("R1");
        Seed = _host.Rand.Next();
    }

    /// <summary>The seed of the steps whose options leave theirs unset.</summary>
    public int Seed { get; }

    /// <summary>The environment of <paramref name="context"/>, created on first use.</summary>
    public static ReasoningEnvironment For(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PerContext.GetValue(context, c => new ReasoningEnvironment(c));
    }

    /// <summary>A logger of category <typeparamref name="T"/> that writes to the context's log and to <paramref name="factory"/>.</summary>
    public ILogger CreateLogger<T>(ILoggerFactory? factory)
    {
        var channel = new ChannelLogger(_host.Start(typeof(T).Name));
        return factory is null ? channel : new TeeLogger(channel, factory.CreateLogger<T>());
    }

    /// <summary>
    /// The logger of a step: the context's log and <paramref name="factory"/> when the step was made by <c>mlContext.Reasoning()</c>
    /// (<paramref name="environment"/> set), otherwise <paramref name="factory"/>'s alone (none without one).
    /// </summary>
    public static ILogger? Logger<T>(ReasoningEnvironment? environment, ILoggerFactory? factory) =>
        environment is null ? factory?.CreateLogger<T>() : environment.CreateLogger<T>(factory);
}
