namespace Tagnn.Course;

/// <summary>What produced a course run (part of its key).</summary>
public enum CourseRunKind
{
    /// <summary>An ordinary training run (<see cref="Tagnn.Training.TrainingRun"/>), as <c>tagnn train</c> makes:
    /// <see cref="CourseModels.Trained"/>.</summary>
    Training,

    /// <summary>A validation-protocol run whose test set was also scored after every epoch
    /// (<see cref="SelectionStudy"/>).</summary>
    SelectionStudy,
}
