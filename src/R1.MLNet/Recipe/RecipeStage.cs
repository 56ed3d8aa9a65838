namespace R1.MLNet.Recipe;

/// <summary>The stages of <see cref="R1Recipe"/>, in the order they run (DeepSeek-R1's pipeline, with the base model first).</summary>
public enum RecipeStage
{
    /// <summary>The model the recipe starts from: saved and evaluated, not trained.</summary>
    Base,

    /// <summary>1. Cold-start SFT on a small set of long, readable chains of thought.</summary>
    ColdStart,

    /// <summary>2. Reasoning-oriented RL (GRPO with rule rewards).</summary>
    ReasoningRl,

    /// <summary>3. Rejection sampling from the RL checkpoint (plus non-reasoning rows), then SFT on the kept samples.</summary>
    RejectionSamplingSft,

    /// <summary>4. RL for all scenarios (GRPO with rewards routed by task type).</summary>
    AllScenariosRl,
}
