using AppealStudio.Data.Reports;
using Microsoft.AspNetCore.Components;

namespace AppealStudio.Web.Features.Reports;

/// <summary>
/// What every report page does first: read the filter from the query string, load the filter form's choices, and
/// (when the filter is valid) run its own queries in <see cref="LoadAsync"/>.
/// </summary>
public abstract class ReportPageBase : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    [Inject] private ReportLookups Lookups { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    protected ReportQuery Query { get; private set; } = default!;

    protected IReadOnlyList<string> Payers { get; private set; } = [];

    protected IReadOnlyList<(string Npi, string Name)> Providers { get; private set; } = [];

    protected DateOnly Today { get; private set; }

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected override async Task OnInitializedAsync()
    {
        Today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        Query = ReportQuery.Parse(HttpContext.Request.Query, Today);
        Validate(Query);
        Payers = await Lookups.PayersAsync(Aborted);
        Providers = await Lookups.ProvidersAsync(Aborted);
        if (Query.IsValid)
        {
            await LoadAsync();
        }
    }

    /// <summary>Page-specific checks (the "by" choice) before anything is queried.</summary>
    protected virtual void Validate(ReportQuery query)
    {
    }

    protected abstract Task LoadAsync();
}
