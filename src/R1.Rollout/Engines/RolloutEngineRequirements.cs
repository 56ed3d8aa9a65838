namespace R1.Rollout.Engines;

/// <summary>What the trainer needs of a remote engine, checked by <see cref="IRolloutEngine.ValidateAsync"/>.</summary>
/// <param name="ContextLength">Prompt plus completion tokens the trainer asks for; the server's <c>max_model_len</c> must be at least this.</param>
/// <param name="TokenizerVocabSize">
/// The policy tokenizer's vocabulary size (ids <c>[0, size)</c>, not the model's padded embedding rows); the server must accept
/// its largest id in a prompt and answer with ids below it.
/// </param>
public sealed record RolloutEngineRequirements(int ContextLength, int TokenizerVocabSize);
