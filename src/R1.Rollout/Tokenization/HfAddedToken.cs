namespace R1.Rollout.Tokenization;

/// <summary>
/// A token from the <c>added_tokens</c> list of a Hugging Face <c>tokenizer.json</c>. Added tokens are matched as whole
/// strings before normalization and pre-tokenization, and decode to their content unchanged.
/// </summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The exact text of the token, for example <c>&lt;|im_end|&gt;</c>.</param>
/// <param name="Special">Whether decoding with <c>skipSpecialTokens</c> drops it.</param>
/// <param name="LStrip">Whether whitespace on its left is removed when encoding.</param>
/// <param name="RStrip">Whether whitespace on its right is removed when encoding.</param>
internal sealed record HfAddedToken(int Id, string Content, bool Special, bool LStrip = false, bool RStrip = false);
