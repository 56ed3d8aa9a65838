using CsCheck;
using R1.Rewards.Format;

namespace R1.Rewards.Tests.Format;

public class FormatRewardPropertyTests
{
    // Text without '<' cannot contain a tag; at least one letter keeps it non-blank.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["abc XYZ 123 \n.,=+가나다思考"], 0, 40]
        .Select(Gen.Char['a', 'z'], (s, c) => s + c);
    private static readonly Gen<string> Space = Gen.String[Gen.Char[" \n\t"], 0, 3];

    private static readonly FormatStyle[] Styles = [FormatStyle.R1Zero, FormatStyle.R1];

    private static double Score(FormatStyle style, FormatMode mode, string completion, bool partial = false) =>
        new FormatReward(new FormatRewardOptions { Style = style, Mode = mode, PartialCredit = partial }).Score(completion).Value!.Value;

    [Test]
    public void Any_well_formed_r1zero_completion_passes_both_modes() =>
        Gen.Select(Text, Text, Space, Space).Sample((think, answer, s1, s2) =>
        {
            string completion = $"{s1}<think>{think}</think>{s2}<answer>{answer}</answer>{s1}";
            return Score(FormatStyle.R1Zero, FormatMode.Strict, completion) == 1.0
                && Score(FormatStyle.R1Zero, FormatMode.Lenient, completion) == 1.0;
        }, iter: 300);

    [Test]
    public void Strict_passing_implies_lenient_passing_and_partial_credit_stays_below_one() =>
        Gen.Select(Gen.Int[0, 1], Gen.OneOfConst("<think>", "</think>", "<answer>", "</answer>", "").Array[0, 6], Text.Array[0, 6])
            .Sample((style, tags, texts) =>
        {
            string completion = string.Concat(tags.Zip(texts, (t, x) => t + x));
            var s = Styles[style];
            double strict = Score(s, FormatMode.Strict, completion), lenient = Score(s, FormatMode.Lenient, completion);
            double partial = Score(s, FormatMode.Strict, completion, partial: true);
            return (strict == 0 || lenient == 1) && (strict == 1 || partial <= 0.5) && partial >= strict;
        }, iter: 1000);
}
