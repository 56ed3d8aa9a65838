using R1.MLNet.Training;

namespace R1.Synthetic;

/// <summary>
/// A verifiable reasoning task generated on the fly, for "R1-Zero in miniature": <c>a+b*c</c> over single digits
/// (1000 problems with operands 0–9). The SFT corpus mixes correct solutions with a systematic slip (adding before multiplying), so a
/// model pre-trained on it knows both procedures; reinforcement with a correctness reward can make the right one dominate.
/// </summary>
public sealed class ArithmeticTask
{
    private readonly ArithmeticProblem[] _train, _heldOut;

    /// <summary>Splits all problems into training and held-out sets (deterministic in <paramref name="seed"/>).</summary>
    /// <param name="heldOut">How many problems to hold out for evaluation. Default 200.</param>
    /// <param name="seed">Shuffling seed.</param>
    /// <param name="maxOperand">The largest operand (0–9); smaller values give an easier task for quick tests. Default 9.</param>
    public ArithmeticTask(int heldOut = 200, int seed = 1234, int maxOperand = 9)
    {
        if (maxOperand is < 1 or > 9)
            throw new ArgumentOutOfRangeException(nameof(maxOperand), maxOperand, "Operands are single digits: maxOperand must be 1–9.");
        int n = maxOperand + 1, count = n * n * n;
        if (heldOut < 1 || heldOut > count - count / 10)
            throw new ArgumentOutOfRangeException(nameof(heldOut), heldOut, $"Hold out between 1 and {count - count / 10} of the {count} problems.");
        var all = (from a in Enumerable.Range(0, n) from b in Enumerable.Range(0, n) from c in Enumerable.Range(0, n)
                   select new ArithmeticProblem(a, b, c)).ToArray();
        new Random(seed).Shuffle(all);
        _heldOut = all[..heldOut];
        _train = all[heldOut..];
    }

    /// <summary>Problems the model may train on.</summary>
    public IReadOnlyList<ArithmeticProblem> Train => _train;

    /// <summary>Problems never seen in training, for evaluation.</summary>
    public IReadOnlyList<ArithmeticProblem> HeldOut => _heldOut;

    /// <summary>
    /// A supervised corpus of <paramref name="count"/> (question, completion) pairs drawn from the training problems, where each
    /// solution is the slip with probability <paramref name="slipRate"/> and correct otherwise.
    /// </summary>
    public IReadOnlyList<(string Prompt, string Response)> SftCorpus(int count, double slipRate, int seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The corpus needs at least one example.");
        if (slipRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(slipRate), slipRate, "The slip rate is a probability.");
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var p = _train[rng.Next(_train.Length)];
            return (p.Question, rng.NextDouble() < slipRate ? p.SlipCompletion : p.CorrectCompletion);
        }).ToList();
    }
}
