using Microsoft.ML;
using R1.MLNet.DataView;
using R1.MLNet.Tests.TestSupport;

namespace R1.MLNet.Tests.DataView;

public class TextColumnTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Test]
    public void Missing_column_is_named_with_the_expected_type_in_both_schema_forms()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "1+1", Answer = "2" } });
        var fromSchema = () => TextColumn.Require(data.Schema, "Question", "prompt");
        var fromShape = () => TextColumn.Require(SchemaShapes.FromSchema(data.Schema), "Question", "prompt");

        fromSchema.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*prompt column 'Question'*expected type: String*Available columns: Prompt, Answer, Noise*");
        fromShape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Question'*not found*");
    }

    [Test]
    public void Mistyped_column_reports_expected_and_found_types()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new NumericPromptRow { Prompt = 3f } });
        var fromSchema = () => TextColumn.Require(data.Schema, "Prompt", "prompt");
        var fromShape = () => TextColumn.Require(SchemaShapes.FromSchema(data.Schema), "Prompt", "prompt");

        fromSchema.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Prompt'*expected type: String, found: Single*");
        fromShape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Prompt'*expected type: String, found: Single*");
    }

    [Test]
    public void Optional_column_may_be_absent_only_when_allowed()
    {
        var schema = _ml.Data.LoadFromEnumerable(new[] { new QaRow() }).Schema;
        TextColumn.CheckOptional(schema, "Tests", "tests", mayBeAbsent: true).Should().BeFalse();
        TextColumn.CheckOptional(schema, "Answer", "answer", mayBeAbsent: true).Should().BeTrue();
        TextColumn.CheckOptional(schema, null, "answer", mayBeAbsent: false).Should().BeFalse();
        var strict = () => TextColumn.CheckOptional(schema, "Gold", "answer", mayBeAbsent: false);
        strict.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*answer column 'Gold'*");
    }

    [Test]
    public void Reader_opens_the_cursor_on_the_requested_columns_only()
    {
        var rows = new[] { new QaRow { Prompt = "a", Answer = "1", Noise = "x" }, new QaRow { Prompt = "b", Answer = "2", Noise = "y" } };
        var data = new RecordingDataView(_ml.Data.LoadFromEnumerable(rows));

        var read = TextColumnReader.Read(data, ["Prompt", null, "Answer"]);

        data.Requests.Should().ContainSingle().Which.Should().BeEquivalentTo("Prompt", "Answer");
        read.Should().HaveCount(2);
        read[0].Should().Equal("a", null, "1");
        read[1].Should().Equal("b", null, "2");
    }
}

public class SchemaShapesTests
{
    [Test]
    public void Adds_text_columns_and_replaces_same_named_ones()
    {
        var schema = new MLContext().Data.LoadFromEnumerable(new[] { new QaRow() }).Schema;
        var shape = SchemaShapes.WithTextColumns(SchemaShapes.FromSchema(schema), ["Completion", "Answer"]);

        shape.Select(c => c.Name).Should().Equal("Prompt", "Noise", "Completion", "Answer");
        shape.Should().OnlyContain(c => c.ItemType is Microsoft.ML.Data.TextDataViewType && c.Kind == SchemaShape.Column.VectorKind.Scalar);
    }
}
