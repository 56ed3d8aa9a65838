using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.DataView;

public class ReferenceColumnsTests
{
    [Test]
    public void ReasoningExamples_round_trip_through_a_data_view_with_empty_references_as_null()
    {
        var ml = new MLContext(seed: 1);
        ReasoningExample[] examples =
        [
            new("1+1", Answer: "2", Language: "en", TaskType: "math"),
            new("def f():", Tests: "assert f() == 1", EntryPoint: "f"),
        ];
        var data = new RecordingDataView(ml.Data.LoadFromEnumerable(examples));
        var columns = new ReferenceColumns("Prompt", "Answer", "Tests", "EntryPoint", "Language", "TaskType");

        var read = columns.ReadExamples(data, "test", CancellationToken.None);

        read.Should().Equal(examples);
        data.Requests.Single().Should().BeEquivalentTo("Prompt", "Answer", "Tests", "EntryPoint", "Language", "TaskType");
    }

    [Test]
    public void An_empty_prompt_is_reported_with_its_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "x" }, new QaRow { Prompt = "" } });
        var act = () => new ReferenceColumns("Prompt", "Answer", null, null, null).ReadExamples(data, "GrpoEstimator", CancellationToken.None);
        act.Should().Throw<InvalidDataException>().WithMessage("GrpoEstimator: row 1 has an empty prompt*");
    }
}
