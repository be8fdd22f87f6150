using AppealStudio.Core.Evidence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AppealStudio.Web.Features.Appeals;

/// <summary>
/// A chart passage with the facts the ranker matched wrapped in &lt;mark&gt;. The text is added as text (never parsed
/// as HTML), and written without any whitespace between the pieces: the passage keeps its line breaks on screen, so
/// markup whitespace would show as extra spaces in the quoted chart.
/// </summary>
public sealed class HighlightedPassage : ComponentBase
{
    /// <summary>The whole document text: passage and spans are offsets into it.</summary>
    [Parameter, EditorRequired] public string DocumentText { get; set; } = "";

    [Parameter, EditorRequired] public int Start { get; set; }

    [Parameter, EditorRequired] public int End { get; set; }

    [Parameter] public IReadOnlyList<FactSpan> Spans { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "passage-text");
        foreach (var (text, label) in Segments())
        {
            if (label is null)
            {
                builder.AddContent(2, text);
            }
            else
            {
                builder.OpenElement(3, "mark");
                builder.AddAttribute(4, "title", label);
                builder.AddAttribute(5, "data-fact", label);
                builder.AddContent(6, text);
                builder.CloseElement();
            }
        }

        builder.CloseElement();
    }

    private IEnumerable<(string Text, string? Label)> Segments()
    {
        var end = Math.Min(End, DocumentText.Length);
        var at = Math.Max(0, Math.Min(Start, end));
        foreach (var span in Spans.Where(s => s.End > Start && s.Start < end).OrderBy(s => s.Start))
        {
            var from = Math.Max(span.Start, at);
            var to = Math.Min(span.End, end);
            if (to <= from)
            {
                continue; // overlaps a span already marked
            }

            if (from > at)
            {
                yield return (DocumentText[at..from], null);
            }

            yield return (DocumentText[from..to], span.Label);
            at = to;
        }

        if (at < end)
        {
            yield return (DocumentText[at..end], null);
        }
    }
}
