namespace Tagnn.Tests.Notebooks;

// Inside the namespace: from code in Tagnn.*, a plain `Course` would name the namespace Tagnn.Course, not the class.
using Tagnn.Course;

/// <summary>An exercise's check lets "Run All" pass an untouched skeleton, and fails a wrong answer.</summary>
public sealed class ExerciseTests : IDisposable
{
    private readonly StringWriter output = new();

    public ExerciseTests() => Exercise.Output = output;

    public void Dispose() => Exercise.Output = null;

    [Fact]
    public void An_untouched_skeleton_is_reported_not_implemented_and_does_not_fail()
    {
        static int Skeleton() => throw new NotImplementedException("Write it here.");
        Assert.False(Exercise.Try("Eq. 6-7", () => Check.Equal("answer", Skeleton(), 42)));
        Assert.Contains("Exercise 'Eq. 6-7': not implemented yet", output.ToString());
        Assert.Contains("solution is in the folded cell below", output.ToString());
    }

    [Fact]
    public void A_right_answer_passes_and_a_wrong_one_fails_the_cell()
    {
        Check.Output = TextWriter.Null;
        try
        {
            Assert.True(Exercise.Try("sum", () => Check.Equal("answer", 40 + 2, 42)));
            Assert.Contains("Exercise 'sum': your code passes the check.", output.ToString());
            Assert.Throws<CheckFailedException>(() => Exercise.Try("sum", () => Check.Equal("answer", 40 + 3, 42)));
        }
        finally
        {
            Check.Output = null;
        }
    }
}
