using System.Text;
using Microsoft.Extensions.AI;

namespace R1.MLNet.Training;

/// <summary>
/// A chat client as the rejection-sampling teacher (for example a remote R1 API): one request per sample, at most
/// <see cref="RejectionSamplingOptions.MaxConcurrency"/> in flight, each seeded by (seed, prompt index, sample index). A reply's
/// <see cref="TextReasoningContent"/> is wrapped in <c>&lt;think&gt;…&lt;/think&gt;</c> before its text. A request that throws, times out
/// (<see cref="RejectionSamplingOptions.TeacherTimeout"/>, even when the client ignores cancellation) or returns nothing is a failed sample.
/// </summary>
internal sealed class ChatClientTeacher(IChatClient client, RejectionSamplingOptions options) : IRejectionTeacher
{
    public string Description => "chat-client";

    public void CheckPrompts(IReadOnlyList<ReasoningExample> prompts) { }

    public IReadOnlyList<IReadOnlyList<TeacherSample>> Sample(IReadOnlyList<ReasoningExample> batch, int batchIndex, int firstPrompt) =>
        Task.Run(() => SampleAsync(batch, firstPrompt)).GetAwaiter().GetResult();

    private async Task<IReadOnlyList<IReadOnlyList<TeacherSample>>> SampleAsync(IReadOnlyList<ReasoningExample> batch, int firstPrompt)
    {
        int k = options.SamplesPerPrompt;
        using var gate = new SemaphoreSlim(options.MaxConcurrency);
        var tasks = new Task<TeacherSample>[batch.Count * k];
        for (int n = 0; n < tasks.Length; n++)
        {
            int i = n / k, j = n % k;
            long seed = (long)options.EffectiveSeed * 1_000_003 + (long)(firstPrompt + i) * k + j;
            tasks[n] = RequestAsync(batch[i].Prompt, seed, gate);
        }
        var samples = await Task.WhenAll(tasks).ConfigureAwait(false);
        return Enumerable.Range(0, batch.Count).Select(i => (IReadOnlyList<TeacherSample>)samples[(i * k)..((i + 1) * k)]).ToList();
    }

    private async Task<TeacherSample> RequestAsync(string prompt, long seed, SemaphoreSlim gate)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(options.TeacherTimeout);
            // On the thread pool, so that a client that blocks before returning its task still meets the timeout.
            var call = Task.Run(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], ChatOptionsFor(seed), timeout.Token));
            _ = call.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);     // observe an abandoned call's failure
            var response = await call.WaitAsync(options.TeacherTimeout).ConfigureAwait(false);
            string text = Compose(response);
            return text.Length == 0 ? TeacherSample.Failed("the teacher returned an empty reply") : new TeacherSample(text, text);
        }
        catch (TimeoutException)
        {
            return TeacherSample.Failed($"the teacher did not answer within {options.TeacherTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return TeacherSample.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    private ChatOptions ChatOptionsFor(long seed) => new()
    {
        Temperature = (float)options.Sampling.Temperature, TopP = (float)options.Sampling.TopP,
        MaxOutputTokens = options.Sampling.MaxNewTokens, Seed = seed,
    };

    /// <summary>The reply as one completion: its reasoning content (if any) in think tags, then its text.</summary>
    internal static string Compose(ChatResponse response)
    {
        var reasoning = new StringBuilder();
        foreach (var message in response.Messages)
            foreach (var content in message.Contents.OfType<TextReasoningContent>())
                reasoning.Append(content.Text);
        string text = response.Text ?? "";
        return reasoning.Length == 0 ? text : $"<think>{reasoning}</think>{text}";
    }
}
