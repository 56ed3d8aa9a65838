using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using R1.MLNet.Chat;
using R1.Rewards.Format;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;
using R1.Serving.Batching;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>: renders the conversation with the chat template, decodes it in the shared batch, and returns
/// the answer as <c>content</c> and the chain of thought as <c>reasoning_content</c> (DeepSeek's and vLLM's field), whole or as SSE.
/// </summary>
internal sealed class ChatCompletionsEndpoint(ServedModel model, DecodeBatcher batcher, AdapterRegistry adapters, ServerOptions options)
{
    private sealed record Plan(IReadOnlyList<int> Prompt, IReadOnlyList<SamplingOptions> Choices, bool ThinkOpened, IReadOnlyList<string> Stops)
    {
        /// <summary>The model id answered (the base or the adapter named) and the decode loop that serves it.</summary>
        public (string Id, DecodeBatcher Queue) Target { get; init; }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync<ChatCompletionRequest>(context.Request.Body, ServingJson.Options, context.RequestAborted)
                      ?? throw OpenAiException.BadRequest("The request body is empty.");
        var plan = MakePlan(request);
        if (!batcher.TryAdmit()) throw TooManyRequests(options);
        try
        {
            if (request.Stream == true) await StreamAsync(context, plan, request.StreamOptions?.IncludeUsage == true);
            else await context.Response.WriteAsJsonAsync(await CompleteAsync(plan, context.RequestAborted), ServingJson.Options);
        }
        finally { batcher.Release(); }
    }

    internal static OpenAiException TooManyRequests(ServerOptions options) =>
        new(429, $"The server is at its limit of {options.MaxConcurrentRequests} concurrent requests; retry later.", code: "too_many_requests");

    private Plan MakePlan(ChatCompletionRequest request)
    {
        var target = SamplingMapper.Target(request, model, adapters);
        var messages = ChatMessages.From(request.Messages);
        if (request.Logprobs == true)
            throw OpenAiException.BadRequest("logprobs are served by /v1/completions, not by chat completions.", "logprobs");
        int n = SamplingMapper.Choices(request, options.MaxChoices);
        string text;
        try { text = model.Template.Render(messages, addGenerationPrompt: true); }
        catch (Exception e) when (e is ChatTemplateException or ArgumentException or InvalidOperationException)
        {
            throw OpenAiException.BadRequest($"The chat template refused the conversation: {e.Message}", "messages");
        }
        var prompt = model.Policy.Tokenizer.Encode(text);
        var choices = SamplingMapper.Map(request, request.MaxCompletionTokens ?? request.MaxTokens, prompt.Count, n, model, options, "messages");
        return new Plan(prompt, choices, ReasoningCompletion.PromptOpensThink(text), choices[0].StopStrings)
        {
            Target = (target?.Name ?? model.Id, target?.Batcher ?? batcher),
        };
    }

    private Submission Submit(Plan plan, Action<int, string>? onText, CancellationToken cancellationToken)
    {
        var submission = new Submission(plan.Choices.Select(o => (plan.Prompt, o)).ToList(), null, onText, cancellationToken);
        plan.Target.Queue.Enqueue(submission);
        return submission;
    }

    private async Task<ChatCompletion> CompleteAsync(Plan plan, CancellationToken cancellationToken)
    {
        var results = await Submit(plan, null, cancellationToken).Results.WaitAsync(cancellationToken);
        var choices = results.Select((r, i) =>
        {
            var (reasoning, answer) = ReasoningStreamSplitter.Split(StopTextFilter.Final(r, plan.Stops), plan.ThinkOpened);
            return new ChatChoice(i, new AssistantMessage(answer, reasoning.Length > 0 ? reasoning : null), Finish(r));
        }).ToList();
        return new ChatCompletion(NewId(), Now(), plan.Target.Id, choices, Usage(plan, results));
    }

    private async Task StreamAsync(HttpContext context, Plan plan, bool includeUsage)
    {
        var ct = context.RequestAborted;
        var pieces = Channel.CreateUnbounded<(int Choice, string Text)>(new UnboundedChannelOptions { SingleReader = true });
        var submission = Submit(plan, (i, text) => pieces.Writer.TryWrite((i, text)), ct);
        _ = submission.Results.ContinueWith(_ => pieces.Writer.TryComplete(), TaskScheduler.Default);
        var filters = plan.Choices.Select(o => new StopTextFilter(o.StopStrings)).ToArray();
        var splitters = plan.Choices.Select(_ => new ReasoningStreamSplitter(plan.ThinkOpened)).ToArray();
        string id = NewId();
        long created = Now();
        ChatCompletionChunk Chunk(int i, ChunkDelta delta, string? finish = null) =>
            new(id, created, plan.Target.Id, [new ChunkChoice(i, delta, finish)]);
        await ServerSentEvents.StartAsync(context.Response);
        for (int i = 0; i < plan.Choices.Count; i++)
            await ServerSentEvents.WriteAsync(context.Response, Chunk(i, new ChunkDelta(Role: "assistant", Content: "")), ct);
        await foreach (var (i, text) in pieces.Reader.ReadAllAsync(ct))
            if (Delta(splitters[i].Append(filters[i].Append(text))) is { } delta)
                await ServerSentEvents.WriteAsync(context.Response, Chunk(i, delta), ct);
        var results = await submission.Results.WaitAsync(ct);
        for (int i = 0; i < results.Count; i++)
        {
            var last = Delta(splitters[i].Append(filters[i].Finish(results[i]), final: true)) ?? new ChunkDelta();
            await ServerSentEvents.WriteAsync(context.Response, Chunk(i, last, Finish(results[i])), ct);
        }
        if (includeUsage)
            await ServerSentEvents.WriteAsync(context.Response, new ChatCompletionChunk(id, created, plan.Target.Id, [], Usage(plan, results)), ct);
        await ServerSentEvents.DoneAsync(context.Response, ct);
    }

    private static ChunkDelta? Delta((string Reasoning, string Answer) split) =>
        split.Reasoning.Length + split.Answer.Length == 0 ? null
        : new ChunkDelta(Content: split.Answer.Length > 0 ? split.Answer : null,
            ReasoningContent: split.Reasoning.Length > 0 ? split.Reasoning : null);

    private static Usage Usage(Plan plan, IReadOnlyList<GenerationResult> results) => new(plan.Prompt.Count, results.Sum(r => r.CompletionIds.Count));

    internal static string Finish(GenerationResult result) => result.FinishReason == FinishReason.Stop ? "stop" : "length";

    private static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
