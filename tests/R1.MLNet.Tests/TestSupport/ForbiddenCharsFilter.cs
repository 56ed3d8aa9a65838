using R1.Rewards.Abstractions;
using R1.Rewards.Readability;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>A test readability filter: fails a completion that contains any of <paramref name="forbidden"/>.</summary>
internal sealed class ForbiddenCharsFilter(string name, string forbidden) : IReadabilityFilter
{
    public string Name => name;

    public ReadabilityVerdict Check(RewardSample sample)
    {
        int at = sample.Completion.IndexOfAny(forbidden.ToCharArray());
        return at < 0 ? ReadabilityVerdict.Pass() : ReadabilityVerdict.Fail($"'{sample.Completion[at]}' at {at}");
    }
}
