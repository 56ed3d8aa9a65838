using Microsoft.Extensions.AI;
using R1.MLNet.Chat;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

// Deliberately in Microsoft.Extensions.DependencyInjection (as Microsoft's own extensions are): one using brings every
// R1 registration. See docs/ARCHITECTURE.md.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a <see cref="Policy"/> as the <see cref="IChatClient"/> of a service collection, in the Microsoft.Extensions.AI style:
/// built on <c>AddChatClient</c>/<c>AddKeyedChatClient</c>, returning the <see cref="ChatClientBuilder"/> so that middleware
/// (<c>.UseLogging()</c>, <c>.UseDistributedCache()</c>, <c>.Use(...)</c>) chains on.
/// </summary>
public static class PolicyChatClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the policy that <paramref name="policyFactory"/> loads (once, when the client is first resolved) as the
    /// <see cref="IChatClient"/> (see <see cref="PolicyChatClientExtensions.AsChatClient"/> for the template, defaults and model id).
    /// The container owns the policy: it is disposed with the client.
    /// </summary>
    /// <example><code>
    /// services.AddPolicyChatClient(sp => Policy.Load("my-model")).UseLogging();
    /// </code></example>
    /// <param name="services">The service collection.</param>
    /// <param name="policyFactory">Loads or creates the policy, for example <c>sp => Policy.Load(folder)</c>.</param>
    /// <param name="template">The chat template. Default the policy's own (<see cref="Policy.ChatTemplate"/>).</param>
    /// <param name="defaults">Sampling when <see cref="ChatOptions"/> leave a value unset. Default T 0.6, top-p 0.95, 1,024 tokens.</param>
    /// <param name="modelId">The model id the client reports. Default <c>r1mlnet-policy</c>.</param>
    /// <returns>The builder of the registered client's pipeline.</returns>
    public static ChatClientBuilder AddPolicyChatClient(this IServiceCollection services, Func<IServiceProvider, Policy> policyFactory,
        IChatTemplate? template = null, SamplingOptions? defaults = null, string modelId = "r1mlnet-policy")
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddChatClient(Factory(policyFactory, template, defaults, modelId));
    }

    /// <summary>
    /// As <see cref="AddPolicyChatClient"/>, registered under <paramref name="serviceKey"/>: for example the judge of a judge reward,
    /// <c>services.AddKeyedPolicyChatClient("judge", …)</c> with <c>b.AddJudge("judge")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The DI key of the client.</param>
    /// <param name="policyFactory">Loads or creates the policy.</param>
    /// <param name="template">The chat template. Default the policy's own.</param>
    /// <param name="defaults">Sampling when <see cref="ChatOptions"/> leave a value unset.</param>
    /// <param name="modelId">The model id the client reports. Default <c>r1mlnet-policy</c>.</param>
    /// <returns>The builder of the registered client's pipeline.</returns>
    public static ChatClientBuilder AddKeyedPolicyChatClient(this IServiceCollection services, object? serviceKey,
        Func<IServiceProvider, Policy> policyFactory, IChatTemplate? template = null, SamplingOptions? defaults = null,
        string modelId = "r1mlnet-policy")
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddKeyedChatClient(serviceKey, Factory(policyFactory, template, defaults, modelId));
    }

    private static Func<IServiceProvider, IChatClient> Factory(Func<IServiceProvider, Policy> policyFactory, IChatTemplate? template,
        SamplingOptions? defaults, string modelId)
    {
        ArgumentNullException.ThrowIfNull(policyFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        defaults?.Validate();
        return sp =>
        {
            var policy = policyFactory(sp) ?? throw new InvalidOperationException("The policy factory of AddPolicyChatClient returned null.");
            return PolicyChatClientExtensions.Create(policy, template, defaults, modelId, ownsPolicy: true);
        };
    }
}
