using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;

namespace R1.Rewards.Judge;

/// <summary>
/// A generative reward model: sends the <see cref="JudgePrompt"/> (question, reference answer, and the completion's final answer,
/// summary or whole response: <see cref="JudgeOptions.Scope"/>) to an <see cref="IChatClient"/> at temperature 0 and scores 1 for
/// <c>CORRECT</c>, 0 for <c>INCORRECT</c>. The system message is the grader's or <see cref="JudgeOptions.Instructions"/> (a rubric judge,
/// with <see cref="JudgeOptions.RequireReference"/> off). Requests time out (even against a client that ignores cancellation) and are
/// retried; verdicts of identical queries are cached. A failed or timed-out request or an unparseable reply yields a
/// <see cref="RewardScore.Missing"/> score with a diagnostic, never an exception; a row without a required reference answer or without
/// the text its scope reads is "not applicable".
/// </summary>
public sealed class JudgeReward : RewardBase, IDisposable
{
    /// <summary>The reward name, <c>judge</c>.</summary>
    public const string RewardName = "judge";

    private readonly IChatClient _client;
    private readonly JudgeOptions _options;
    private readonly ILogger _logger;
    private readonly MemoryCache? _cache;
    private readonly object _cacheLock = new();

    /// <summary>Creates the judge over <paramref name="client"/>.</summary>
    /// <param name="client">The judge model.</param>
    /// <param name="options">The options. Default: <see cref="JudgeOptions"/>' defaults.</param>
    /// <param name="logger">Where debug lines go. Default: none.</param>
    /// <param name="name">The reward's name, so that several judges can share a pipeline. Default: <c>judge</c>.</param>
    public JudgeReward(IChatClient client, JudgeOptions? options = null, ILogger<JudgeReward>? logger = null, string name = RewardName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _client = client;
        _options = options ?? new JudgeOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.CacheSize > 0) _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CacheSize });
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The options in use.</summary>
    public JudgeOptions Options => _options;

    /// <inheritdoc />
    protected override int MaxDegreeOfParallelism => _options.MaxConcurrency;

    /// <inheritdoc />
    protected override async ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken)
    {
        bool hasReference = !string.IsNullOrWhiteSpace(sample.Answer);
        if (_options.RequireReference && !hasReference) return RewardScore.NotApplicable("no reference answer");
        var (text, reason) = JudgeText.Select(sample, _options.Scope);
        if (text == null) return RewardScore.NotApplicable(reason);
        text = JudgeText.Clip(text, _options.MaxAnswerChars, _options.Scope);

        var messages = JudgePrompt.Build(sample.Prompt ?? "", hasReference ? sample.Answer : null, text, _options.Scope, _options.Instructions);
        if (_cache == null) return await QueryAsync(messages, cancellationToken).ConfigureAwait(false);

        string key = (_options.ModelId ?? "") + "\u0000" + messages[0].Text + "\u0000" + messages[^1].Text;
        var (query, cached) = GetOrStart(key, messages, cancellationToken);
        RewardScore score;
        try
        {
            score = await query.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _cache.Remove(key);
            throw;
        }
        if (!score.IsApplicable) _cache.Remove(key);
        return cached && score.IsApplicable ? score with { Diagnostic = score.Diagnostic + " (cached)" } : score;
    }

    /// <summary>Returns the cached (or in-flight) query for <paramref name="key"/>, or starts one; identical concurrent queries share one
    /// request.</summary>
    private (Task<RewardScore> Query, bool Cached) GetOrStart(string key, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        Lazy<Task<RewardScore>> query;
        bool cached;
        lock (_cacheLock)
        {
            cached = _cache!.TryGetValue(key, out Lazy<Task<RewardScore>>? existing) && existing != null;
            query = cached ? existing! : new Lazy<Task<RewardScore>>(() => QueryAsync(messages, cancellationToken));
            if (!cached) _cache.Set(key, query, new MemoryCacheEntryOptions { Size = 1 });
        }
        return (query.Value, cached);
    }

    private async Task<RewardScore> QueryAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var chatOptions = new ChatOptions { Temperature = 0f, MaxOutputTokens = _options.MaxOutputTokens, ModelId = _options.ModelId };
        string failure = "";
        for (int attempt = 0; attempt <= _options.MaxRetries; attempt++)
        {
            if (attempt > 0) await Task.Delay(_options.RetryDelay * System.Math.Pow(2, attempt - 1), cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await BoundedCall.RunAsync(token => _client.GetResponseAsync(messages, chatOptions, token), _options.Timeout,
                    cancellationToken).ConfigureAwait(false);
                return Verdict(response.Text);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is OperationCanceledException || ex is TimeoutException))
            {
                failure = $"timed out after {_options.Timeout.TotalSeconds:0.###} s";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
            }
            _logger.LogDebug("Judge request attempt {Attempt}/{Attempts} failed: {Failure}", attempt + 1, _options.MaxRetries + 1, failure);
        }
        return RewardScore.Missing($"{Name} failed after {_options.MaxRetries + 1} attempts: {failure}");
    }

    private RewardScore Verdict(string? reply)
    {
        var value = JudgeVerdict.Parse(reply);
        if (value is { } v) return RewardScore.Of(v, v == 1.0 ? $"{Name}: CORRECT" : $"{Name}: INCORRECT");
        string shown = reply == null ? "(no text)" : reply.Length > 80 ? reply[..80] + "…" : reply;
        _logger.LogDebug("Judge reply is not a verdict: {Reply}", shown);
        return RewardScore.Missing($"unparseable judge reply: '{shown}'");
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline];
    }

    /// <summary>Releases the verdict cache.</summary>
    public void Dispose() => _cache?.Dispose();
}
