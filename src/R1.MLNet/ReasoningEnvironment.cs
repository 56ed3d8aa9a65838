using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using R1.MLNet.Logging;

namespace R1.MLNet;

/// <summary>
/// What the steps made by <c>mlContext.Reasoning()</c> take from their <see cref="MLContext"/>: seeds drawn from its random source
/// (seeded by <c>new MLContext(seed: n)</c>, so the same seed and the same program give the same run) and its log channel (what
/// <see cref="MLContext.Log"/> subscribers receive). Registered once per catalog as the host <c>R1</c>.
/// </summary>
internal sealed class ReasoningEnvironment
{
    private readonly IHost _host;
    private readonly Lock _gate = new();

    public ReasoningEnvironment(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _host = ((IHostEnvironment)context).Register("R1");
    }

    /// <summary>The next seed of the context's random source (for a step whose options leave their seed unset).</summary>
    public int NextSeed()
    {
        lock (_gate) return _host.Rand.Next();
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
