using System.Text.Json;
using System.Text.RegularExpressions;

namespace R1.Rewards.Tests.Language;

/// <summary>Loads MGSM and Korean GSM8K questions as plain text samples for the language tests.</summary>
internal static class MultilingualQuestions
{
    private static readonly Regex TranslatedAnswerTail = new(@"\n\s*(Answer|답|정답)\s*[:：]", RegexOptions.Compiled);

    public static IReadOnlyList<string> Mgsm(string language) =>
        File.ReadLines(TestPaths.TestData($"data/mgsm/mgsm_{language}.tsv"))
            .Select(line => line.Split('\t')[0])
            .Where(q => q.Length > 0)
            .ToArray();

    /// <summary>Korean GSM8K questions, without the rows that wrongly end in a translated "Answer: …" tail.</summary>
    public static IReadOnlyList<string> Korean() =>
        File.ReadLines(TestPaths.TestData("data/kor-gsm8k/test.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("kor_question").GetString()!)
            .Where(q => !TranslatedAnswerTail.IsMatch(q))
            .ToArray();

    public static IReadOnlyList<string> ForLanguage(string language) => language == "ko" ? Korean() : Mgsm(language);
}
