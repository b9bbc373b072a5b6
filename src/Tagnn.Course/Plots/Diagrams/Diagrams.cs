namespace Tagnn.Course;

/// <summary>
/// The course's pictures that are diagrams rather than charts, drawn as static SVG (<see cref="SvgCanvas"/>) and
/// returned as <see cref="HtmlFigure"/>s: a session graph with its edges (<see cref="SessionGraph"/>), the alias map
/// from positions to nodes (<see cref="Alias"/>), what a padded batch holds (<see cref="Batch"/>), prefix
/// augmentation (<see cref="Augmentation"/>) and ranked lists with their target (<see cref="RankedLists"/>). One file
/// per diagram.
/// </summary>
public static partial class Diagrams;
