namespace AppealStudio.Core.Evidence;

/// <summary>Where a fact was found, for highlighting. Offsets are into the document's text, like the passage's.</summary>
/// <param name="Label">Fact label ("distinct_site").</param>
/// <param name="Start">First character of the matched text.</param>
/// <param name="End">One past the last character.</param>
public sealed record FactSpan(string Label, int Start, int End);

/// <summary>
/// A passage of a chart document that supports an appeal, with the facts found in it.
/// <c>document.Text.Substring(Start, End - Start) == Text</c> always holds.
/// </summary>
/// <param name="DocumentId">Id of the <see cref="Charts.ChartDocument"/>.</param>
/// <param name="DocumentTitle">Its title, for display.</param>
/// <param name="Start">Offset of the first character in the document text.</param>
/// <param name="End">Offset one past the last character.</param>
/// <param name="Text">The passage, verbatim.</param>
/// <param name="Score">See <see cref="EvidenceRanker"/> for the formula.</param>
/// <param name="Facts">Distinct fact labels found, in order of first appearance, followed by derived facts ("duration 57 min").</param>
/// <param name="FactSpans">Every matched range, in document order.</param>
public sealed record EvidencePassage(
    string DocumentId,
    string DocumentTitle,
    int Start,
    int End,
    string Text,
    double Score,
    IReadOnlyList<string> Facts,
    IReadOnlyList<FactSpan> FactSpans);
