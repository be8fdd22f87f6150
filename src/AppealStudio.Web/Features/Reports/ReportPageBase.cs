using AppealStudio.Data.Reports;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace AppealStudio.Web.Features.Reports;

/// <summary>
/// What every report page does: read the filter from its address (so a view can be bookmarked, shared, printed and
/// exported), load the filter's choices once, and run its own report through the service whenever the address changes
/// (a new filter, a group-by, a sort): the page re-draws on the circuit, it is not reloaded.
/// </summary>
public abstract class ReportPageBase : ComponentBase, IDisposable
{
    private string? loadedFor;
    private CancellationTokenSource? running;

    [Inject] protected Operations Ops { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    // Declared so that a change of any of them re-runs OnParametersSetAsync; the values are read from the address by
    // ReportQuery, which treats keys case-insensitively and takes the last non-blank value.
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "payer")] public string? Payer { get; set; }

    [SupplyParameterFromQuery(Name = "provider")] public string? Provider { get; set; }

    [SupplyParameterFromQuery(Name = "specialty")] public string? Specialty { get; set; }

    [SupplyParameterFromQuery(Name = "by")] public string? By { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }

    protected ReportQuery? Query { get; private set; }

    protected ReportChoices? Choices { get; private set; }

    protected bool Loading { get; private set; }

    /// <summary>The page's path relative to the base address, e.g. "reports/win-rates".</summary>
    protected abstract string Path { get; }

    /// <summary>The "by" values the page knows (the first is the default), or null when it has no grouping.</summary>
    protected virtual IReadOnlyList<string>? ByChoices => null;

    protected override async Task OnParametersSetAsync()
    {
        var uri = new Uri(Navigation.Uri);
        if (uri.Query == loadedFor && Query is not null)
        {
            return;
        }

        loadedFor = uri.Query;
        Choices ??= await Ops.RunAsync<ReportService, ReportChoices>(s => s.ChoicesAsync());
        var query = ReportQuery.Parse(uri, Choices.Today);
        if (ByChoices is { } allowed)
        {
            query.RequireBy(allowed);
        }

        Query = query;
        if (!query.IsValid)
        {
            ClearResults();
            return;
        }

        // A newer address wins: the report of an older one is abandoned when it comes back late.
        if (running is not null)
        {
            await running.CancelAsync();
            running.Dispose();
        }

        var cancel = running = new CancellationTokenSource();
        Loading = true;
        try
        {
            await LoadAsync(query, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            if (ReferenceEquals(running, cancel))
            {
                Loading = false;
            }
        }
    }

    /// <summary>Runs the page's report for a valid filter.</summary>
    protected abstract Task LoadAsync(ReportQuery query, CancellationToken cancellationToken);

    /// <summary>Forgets the figures of the previous filter when the new one cannot be used.</summary>
    protected abstract void ClearResults();

    public void Dispose()
    {
        running?.Cancel();
        running?.Dispose();
        GC.SuppressFinalize(this);
    }
}
