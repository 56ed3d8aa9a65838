using Microsoft.Extensions.AI;
using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Distill;
using R1.MLNet.RejectionSample;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
using R1.MLNet.Evaluate;
using R1.MLNet.Persistence;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet;

/// <summary>
/// <c>mlContext.Reasoning()</c>: reasoning-model steps for ML.NET pipelines. Each step has a simple overload and an
/// <c>Options</c> overload; the defaults are documented on the options' properties. Training steps chain with
/// <c>Append</c> and hand their policy to the next step (<see cref="PolicySource.PreviousStep"/>):
/// <code>
/// var pipeline = ml.Reasoning().Sft(PolicySource.FromScratch(ModelConfig.Tiny(tok.VocabSize), tok))
///     .Append(ml.Reasoning().Grpo(serviceProvider))
///     .Append(ml.Reasoning().Reason());
/// var model = pipeline.Fit(data);
/// </code>
/// </summary>
public sealed class ReasoningCatalog
{
    private readonly ReasoningEnvironment _environment;

    internal ReasoningCatalog(MLContext context)
    {
        Context = context;
        _environment = ReasoningEnvironment.For(context);
    }

    /// <summary>The context this catalog belongs to.</summary>
    public MLContext Context { get; }

    /// <summary>Supervised fine-tuning on a prompt and a response column, starting from <paramref name="policy"/>.</summary>
    public SftEstimator Sft(PolicySource policy, string promptColumnName = "Prompt", string responseColumnName = "Response")
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Sft(new SftEstimator.Options
        {
            Policy = policy, PromptColumnName = promptColumnName, ResponseColumnName = responseColumnName,
        });
    }

    /// <summary>Supervised fine-tuning with every option.</summary>
    public SftEstimator Sft(SftEstimator.Options options) => new(options, _environment);

    /// <summary>GRPO with the reward pipeline registered in <paramref name="services"/> (<c>services.AddReasoningRewards(...)</c>).</summary>
    /// <param name="services">Provides the <see cref="IRewardScorer"/> (and an <c>ILoggerFactory</c> if registered).</param>
    /// <param name="promptColumnName">The question column. Default <c>Prompt</c>.</param>
    /// <param name="answerColumnName">The gold-answer column. Default <c>Answer</c>.</param>
    /// <param name="policy">The starting policy. Default <see cref="PolicySource.PreviousStep"/>.</param>
    public GrpoEstimator Grpo(IServiceProvider services, string promptColumnName = "Prompt", string answerColumnName = "Answer",
        PolicySource? policy = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Grpo(new GrpoEstimator.Options
        {
            Services = services, PromptColumnName = promptColumnName, AnswerColumnName = answerColumnName,
            Policy = policy ?? PolicySource.PreviousStep,
        });
    }

    /// <summary>GRPO with an explicit reward pipeline.</summary>
    public GrpoEstimator Grpo(IRewardScorer rewards, string promptColumnName = "Prompt", string answerColumnName = "Answer",
        PolicySource? policy = null)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        return Grpo(new GrpoEstimator.Options
        {
            Rewards = rewards, PromptColumnName = promptColumnName, AnswerColumnName = answerColumnName, Policy = policy ?? PolicySource.PreviousStep,
        });
    }

    /// <summary>GRPO with every option.</summary>
    public GrpoEstimator Grpo(GrpoEstimator.Options options) => new(options, _environment);

    /// <summary>
    /// Rejection sampling (DeepSeek-R1, stage 3): <paramref name="samplesPerPrompt"/> completions per prompt from the teacher policy,
    /// kept when the reward pipeline of <paramref name="services"/> judges them correct and the readability filters pass (see
    /// <see cref="RejectionSampleEstimator.Options"/> for the defaults). The output is SFT rows (<c>Prompt</c>, <c>Response</c>, …).
    /// </summary>
    /// <param name="services">Provides the <see cref="IRewardScorer"/> (and an <c>ILoggerFactory</c> if registered).</param>
    /// <param name="samplesPerPrompt">k: completions sampled per prompt. Default 4.</param>
    /// <param name="policy">The teacher. Default <see cref="PolicySource.PreviousStep"/>.</param>
    /// <param name="promptColumnName">The question column. Default <c>Prompt</c>.</param>
    public RejectionSampleEstimator RejectionSample(IServiceProvider services, int samplesPerPrompt = 4, PolicySource? policy = null,
        string promptColumnName = "Prompt")
    {
        ArgumentNullException.ThrowIfNull(services);
        return RejectionSample(new RejectionSampleEstimator.Options
        {
            Services = services, Policy = policy ?? PolicySource.PreviousStep, PromptColumnName = promptColumnName,
            Sampler = { SamplesPerPrompt = samplesPerPrompt },
        });
    }

    /// <summary>Rejection sampling from a chat client (for example a remote R1 API) as the teacher.</summary>
    /// <param name="services">Provides the <see cref="IRewardScorer"/> (and an <c>ILoggerFactory</c> if registered).</param>
    /// <param name="teacher">The teacher: k requests per prompt.</param>
    /// <param name="samplesPerPrompt">k: completions requested per prompt. Default 4.</param>
    /// <param name="promptColumnName">The question column. Default <c>Prompt</c>.</param>
    public RejectionSampleEstimator RejectionSample(IServiceProvider services, IChatClient teacher, int samplesPerPrompt = 4,
        string promptColumnName = "Prompt")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(teacher);
        return RejectionSample(new RejectionSampleEstimator.Options
        {
            Services = services, Teacher = teacher, PromptColumnName = promptColumnName, Sampler = { SamplesPerPrompt = samplesPerPrompt },
        });
    }

    /// <summary>Rejection sampling with every option.</summary>
    public RejectionSampleEstimator RejectionSample(RejectionSampleEstimator.Options options) => new(options, _environment);

    /// <summary>
    /// Distillation: rejection-samples <paramref name="teacher"/> on the input prompts, then fine-tunes <paramref name="student"/> on the
    /// kept samples with SFT (samples cross as text, so the tokenizers may differ).
    /// </summary>
    /// <param name="services">Provides the <see cref="IRewardScorer"/> (and an <c>ILoggerFactory</c> if registered).</param>
    /// <param name="teacher">The teacher policy (for example <see cref="PolicySource.PreviousStep"/>).</param>
    /// <param name="student">The student to fine-tune (for example <see cref="PolicySource.FromFolder"/>).</param>
    /// <param name="samplesPerPrompt">k: completions sampled per prompt. Default 4.</param>
    public DistillEstimator Distill(IServiceProvider services, PolicySource teacher, PolicySource student, int samplesPerPrompt = 4)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(teacher);
        return Distill(new DistillEstimator.Options
        {
            Services = services, Teacher = teacher, Student = student, Sampler = { SamplesPerPrompt = samplesPerPrompt },
        });
    }

    /// <summary>Distillation from a chat client (for example a remote R1 API) into <paramref name="student"/>.</summary>
    public DistillEstimator Distill(IServiceProvider services, IChatClient teacher, PolicySource student, int samplesPerPrompt = 4)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(teacher);
        return Distill(new DistillEstimator.Options
        {
            Services = services, TeacherClient = teacher, Student = student, Sampler = { SamplesPerPrompt = samplesPerPrompt },
        });
    }

    /// <summary>Distillation with every option.</summary>
    public DistillEstimator Distill(DistillEstimator.Options options) => new(options, _environment);

    /// <summary>
    /// Inference: adds <c>Completion</c>, <c>Reasoning</c> and <c>Answer</c> columns (paper sampling settings,
    /// see <see cref="ReasonOptions"/>).
    /// </summary>
    /// <param name="policy">The policy. Default <see cref="PolicySource.PreviousStep"/>.</param>
    /// <param name="promptColumnName">The question column. Default <c>Prompt</c>.</param>
    /// <param name="samples">k completions per question, majority-voted when above 1. Default 1.</param>
    public ReasonEstimator Reason(PolicySource? policy = null, string promptColumnName = "Prompt", int samples = 1) =>
        new(new ReasonOptions { Policy = policy ?? PolicySource.PreviousStep, PromptColumnName = promptColumnName, Samples = samples },
            _environment);

    /// <summary>Inference with every option.</summary>
    public ReasonEstimator Reason(ReasonOptions options) => new(options, _environment);

    /// <summary>
    /// The paper's evaluation of <paramref name="model"/>'s policy on questions with gold answers: k samples per question at
    /// temperature 0.6 and top-p 0.95, pass@1 and cons@k (see <see cref="EvaluationOptions"/>). <paramref name="model"/> is a
    /// reasoning transformer or a chain containing one (its last policy is evaluated).
    /// </summary>
    public ReasoningMetrics Evaluate(IDataView data, ITransformer model, EvaluationOptions? options = null) =>
        Evaluate(data, PolicyOf(model), options);

    /// <summary>
    /// The paper's evaluation of <paramref name="policy"/> (see <see cref="Evaluate(IDataView, ITransformer, EvaluationOptions?)"/>).
    /// </summary>
    public ReasoningMetrics Evaluate(IDataView data, Policy policy, EvaluationOptions? options = null)
    {
        var seeded = options?.Clone() ?? new EvaluationOptions();
        seeded.Sampling = SeededOptions.Of(seeded.Sampling, _environment.Seed);
        return PassAtKEvaluator.Evaluate(policy, data, seeded);
    }

    /// <summary>Saves a fitted reasoning model to a zip file (see <see cref="ReasoningModel.Save"/>).</summary>
    public void SaveModel(ITransformer model, string path) => ReasoningModel.Save(model, path);

    /// <summary>Loads a model written by <see cref="SaveModel"/> (see <see cref="ReasoningModel.Load"/>).</summary>
    public ITransformer LoadModel(string path, PolicyOptions? policyOptions = null, IChatTemplate? template = null) =>
        ReasoningModel.Load(path, policyOptions, template);

    private static Policy PolicyOf(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is IPolicyCarrier carrier) return carrier.Policy;
        if (model is IEnumerable<ITransformer> chain && chain.OfType<IPolicyCarrier>().LastOrDefault() is { } last) return last.Policy;
        throw new ArgumentException(
            $"Evaluate needs a model with a policy (Sft, Grpo or Reason transformer, or a chain containing one); got {model.GetType().Name}.",
            nameof(model));
    }
}
