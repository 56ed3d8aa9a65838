using R1.MLNet.Recipe;

namespace R1.Synthetic;

/// <summary>What "R1 in miniature" measured.</summary>
/// <param name="Recipe">The recipe's stages with their held-out evaluations.</param>
/// <param name="Planted">The planted failures in the corpus and what survived rejection sampling.</param>
/// <param name="Students">Distillation versus RL on the smaller student; <see langword="null"/> when skipped.</param>
/// <param name="JudgeCalls">Requests the stand-in judge answered.</param>
public sealed record MiniatureReport(R1RecipeResult Recipe, PlantedFailureCheck Planted, StudentComparisonResult? Students, int JudgeCalls);

/// <summary>The planted readability failures: how many the corpus holds, and how many the kept rejection-sampling rows hold.</summary>
/// <param name="CorpusMixedScript">Pre-training rows with a Hangul word in the chain of thought.</param>
/// <param name="CorpusCodeBlock">Pre-training rows with a code fence in the chain of thought.</param>
/// <param name="Kept">Rows rejection sampling kept.</param>
/// <param name="KeptMixedScript">Kept rows with a Hangul character in the chain of thought (should be 0).</param>
/// <param name="KeptCodeBlock">Kept rows with a code fence in the chain of thought (should be 0).</param>
public sealed record PlantedFailureCheck(int CorpusMixedScript, int CorpusCodeBlock, int Kept, int KeptMixedScript, int KeptCodeBlock);

/// <summary>Distillation versus RL on the student, side by side (the paper's Table 6 in miniature).</summary>
/// <param name="StudentParameters">The student's parameter count.</param>
/// <param name="TeacherParameters">The teacher's parameter count.</param>
/// <param name="Base">The pre-trained student before either.</param>
/// <param name="Rl">(a) The student trained with GRPO directly.</param>
/// <param name="Distilled">(b) The student fine-tuned on the teacher's rejection-sampled data.</param>
public sealed record StudentComparisonResult(long StudentParameters, long TeacherParameters, RecipeEvaluation Base, StudentRun Rl,
    StudentRun Distilled);

/// <summary>One way of training the student and what it cost.</summary>
/// <param name="Method">How it was trained.</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Sequences">Sequences trained on (GRPO: prompts × generations per step; SFT: batch rows per step).</param>
/// <param name="Tokens">Completion tokens trained on (GRPO: sampled; SFT: response tokens).</param>
/// <param name="Seconds">Wall time of the training (evaluation excluded).</param>
/// <param name="Evaluation">Held-out accuracy afterwards.</param>
public sealed record StudentRun(string Method, int Steps, long Sequences, long Tokens, double Seconds, RecipeEvaluation Evaluation);
