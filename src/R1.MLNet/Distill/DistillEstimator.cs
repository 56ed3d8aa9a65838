using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet.Training;
using R1.Rollout;

namespace R1.MLNet.Distill;

/// <summary>
/// The estimator of <c>mlContext.Reasoning().Distill(...)</c> (DeepSeek-R1's distillation): rejection-samples the teacher (a policy or
/// a chat client) on the input prompts with <see cref="RejectionSampler"/>, then fine-tunes the student with <see cref="SftTrainer"/>
/// on the kept samples. Samples cross as text, so teacher and student may use different tokenizers. The fitted
/// <see cref="DistillTransformer"/> owns the student policy. Equivalent to <c>RejectionSample(...).Append(Sft(student))</c>.
/// </summary>
public sealed partial class DistillEstimator : IEstimator<DistillTransformer>, IPolicyEstimator
{
    private readonly Options _options;
    private readonly ReasoningEnvironment? _environment;
    private readonly int? _seed;

    /// <summary>Creates the estimator (the options are validated now; the policies are resolved at <see cref="Fit"/>).</summary>
    public DistillEstimator(Options options) : this(options, null)
    {
    }

    /// <summary>The estimator of a catalog: seed and log come from the <c>MLContext</c> where the options leave them unset.</summary>
    internal DistillEstimator(Options options, ReasoningEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _environment = environment;
        _seed = environment?.Seed;
    }

    /// <inheritdoc />
    public Policy? FittedPolicy { get; private set; }

    /// <summary>Checks the columns, samples the teacher and trains the student.</summary>
    /// <exception cref="InvalidOperationException">The teacher produced no sample the rewards and filters keep.</exception>
    public DistillTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var examples = o.Columns().ReadExamples(input, nameof(DistillEstimator), o.CancellationToken);
        if (examples.Count == 0) throw new InvalidOperationException("DistillEstimator: the input has no prompts to sample.");
        var loggers = o.ResolveLoggerFactory();
        var sampling = Sample(input, examples, loggers);
        // Samples cross as text: the student trains on Response when it reads prompts as the teacher did, else on the
        // self-contained Completion (prefix and think opening included).
        bool sameFormat = o.TeacherClient is null && o.StudentPrompt.Template.Name == o.TeacherPrompt.Template.Name
                          && o.StudentPrompt.CompletionPrefix == o.TeacherPrompt.CompletionPrefix;
        var pairs = sampling.Kept.Select(r => (r.Prompt, sameFormat ? r.Response : r.Completion)).ToList();
        if (pairs.Count == 0)
            throw new InvalidOperationException("DistillEstimator: the teacher produced no sample that the rewards and filters keep, so there " +
                                                $"is nothing to train the student on.{Environment.NewLine}{sampling.Summary}");
        var student = o.Student!.Resolve(input, nameof(DistillEstimator));
        var trainer = new SftTrainer(student, SeededOptions.Of(o.Trainer, _seed), o.StudentPrompt,
            ReasoningEnvironment.Logger<SftTrainer>(_environment, loggers));
        var training = trainer.Train(pairs, o.CancellationToken);
        FittedPolicy = student;
        return new DistillTransformer(student, sampling, training);
    }

    /// <summary>Checks the prompt and reference columns; the output shape is the input's (rows pass through).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _options.Columns().Check(inputSchema);
        return inputSchema;
    }

    private RejectionSamplingResult Sample(IDataView input, List<ReasoningExample> examples, ILoggerFactory? loggers)
    {
        var o = _options;
        var rewards = o.ResolveRewards();
        var logger = ReasoningEnvironment.Logger<RejectionSampler>(_environment, loggers);
        var sampler = SeededOptions.Of(o.Sampler, _seed);
        if (o.TeacherClient is { } client) return new RejectionSampler(client, rewards, sampler, logger).Run(examples, o.CancellationToken);
        var teacher = o.Teacher.Resolve(input, nameof(DistillEstimator));
        try
        {
            return new RejectionSampler(teacher, rewards, sampler, o.TeacherPrompt, logger).Run(examples, o.CancellationToken);
        }
        finally
        {
            if (o.Teacher.CreatesPolicy) teacher.Dispose();
        }
    }
}
