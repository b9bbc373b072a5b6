namespace Tagnn.Course;

/// <summary>
/// Exercises in a notebook that "Run All" can pass through: the student's cell starts as a skeleton that throws
/// <see cref="NotImplementedException"/>; the check cell runs the student's code through <see cref="Try"/>, which says
/// "not implemented yet" instead of failing while the skeleton is untouched, and checks it (assertions that fail the
/// cell) once it is written. The solution follows in a folded cell that runs the same check without <see cref="Try"/>,
/// so the course runner and CI always check the solution.
/// </summary>
/// <example>
/// <code>
/// // the student's cell
/// Tensor MyStep(Tensor x) => throw new NotImplementedException();
/// // the check cell
/// Exercise.Try("Eq. 6-7", () => CheckMyStep(MyStep));
/// // the folded solution cell
/// Tensor SolutionStep(Tensor x) => x.relu();
/// CheckMyStep(SolutionStep);
/// </code>
/// </example>
public static class Exercise
{
    /// <summary>Where the one-line reports go; null means <see cref="Console.Out"/> at the time of the call.</summary>
    public static TextWriter? Output { get; set; }

    /// <summary>
    /// Runs <paramref name="check"/> (which calls the student's code and asserts); when the student's code still throws
    /// <see cref="NotImplementedException"/>, prints that the exercise is not done yet and where the solution is, and
    /// returns false. Any other exception (a failed check included) propagates and fails the cell.
    /// </summary>
    /// <param name="name">The exercise, as the notebook names it (e.g. <c>"Eq. 6-7, target attention"</c>).</param>
    /// <param name="check">Calls the student's code and checks its result.</param>
    /// <returns>True when the check ran and passed.</returns>
    public static bool Try(string name, Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            check();
        }
        catch (NotImplementedException)
        {
            (Output ?? Console.Out).WriteLine(
                $"Exercise '{name}': not implemented yet. Replace the `throw new NotImplementedException(...)` in the cell above " +
                "and run both cells again; the solution is in the folded cell below.");
            return false;
        }
        (Output ?? Console.Out).WriteLine($"Exercise '{name}': your code passes the check.");
        return true;
    }
}
