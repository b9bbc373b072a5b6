namespace Tagnn.Course;

/// <summary>
/// A notebook's check failed: a hand computation and the library disagree beyond the stated tolerance, or a stated
/// fact no longer holds. Thrown by <see cref="Check"/>; it fails the cell, so the course runner and CI fail too.
/// </summary>
public sealed class CheckFailedException : Exception
{
    /// <summary>Creates the exception with the check's full message.</summary>
    public CheckFailedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception without a message (serialisation and tooling).</summary>
    public CheckFailedException() : base("A notebook check failed.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CheckFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
