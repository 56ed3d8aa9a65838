using Microsoft.Extensions.AI;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Chat;

/// <summary>Turns a <see cref="Policy"/> into a Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
public static class PolicyChatClientExtensions
{
    /// <summary>
    /// The policy as an <see cref="IChatClient"/>: conversations are rendered with <paramref name="template"/> (default the policy's own,
    /// <see cref="Policy.ChatTemplate"/>); <see cref="ChatOptions"/> (temperature, top-p, top-k, max output tokens, stop sequences,
    /// seed) override <paramref name="defaults"/> (default the paper's evaluation setting: temperature 0.6, top-p 0.95, 1,024 new
    /// tokens); the reasoning comes back as <see cref="TextReasoningContent"/>, the answer as text, with usage and the finish reason.
    /// The client does not own the policy: dispose the policy yourself.
    /// </summary>
    public static IChatClient AsChatClient(this Policy policy, IChatTemplate? template = null, SamplingOptions? defaults = null,
        string modelId = "r1mlnet-policy")
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Create(policy, template, defaults, modelId, ownsPolicy: false);
    }

    /// <summary>The client over <paramref name="policy"/>; with <paramref name="ownsPolicy"/> disposing the client disposes the policy.</summary>
    internal static IChatClient Create(Policy policy, IChatTemplate? template, SamplingOptions? defaults, string modelId, bool ownsPolicy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        defaults = defaults?.Clone() ?? new SamplingOptions { Temperature = 0.6, TopP = 0.95, MaxNewTokens = 1024 };
        defaults.Validate();
        return new PolicyChatClient(policy, template ?? policy.ChatTemplate, defaults, modelId, ownsPolicy);
    }
}
