using Microsoft.Extensions.AI;
using R1.Rollout.Generation;

namespace R1.MLNet.Chat;

/// <summary>Maps <see cref="ChatOptions"/> onto a copy of the client's default <see cref="SamplingOptions"/>.</summary>
internal static class ChatSampling
{
    public static SamplingOptions From(SamplingOptions defaults, ChatOptions? options)
    {
        var s = defaults.Clone();
        if (options is null) return s;
        if (options.Temperature is { } t) s.Temperature = t;
        if (options.TopP is { } p) s.TopP = p;
        if (options.TopK is { } k) s.TopK = k;
        if (options.MaxOutputTokens is { } max) s.MaxNewTokens = max;
        if (options.StopSequences is { Count: > 0 } stops) s.StopStrings = [.. stops];
        if (options.Seed is { } seed) s.Seed = seed;
        s.Validate();
        return s;
    }
}
