using System.Globalization;
using AppealStudio.Data.Practice;
using Microsoft.AspNetCore.Components.Forms;

namespace AppealStudio.Web.Features.Settings;

/// <summary>What the settings forms (payers, classification, practice) share: server errors into the form, the recompute report.</summary>
public static class SettingsForms
{
    /// <summary>Puts the service's errors next to their fields (an empty field name goes to the summary only).</summary>
    public static void Report(EditContext context, ValidationMessageStore messages, object model, IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            messages.Add(new FieldIdentifier(model, error.Field), error.Message);
        }

        context.NotifyValidationStateChanged();
    }

    /// <summary>
    /// Answers 404: the app's status page ("Page not found") is rendered instead of this page, so a missing row and
    /// a row the user may not see look alike. (.NET 10 renders nothing of the component once it sets 404.)
    /// </summary>
    public static void NotFound(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>The recompute counts as query parameters for the page the form redirects to (post, redirect, get).</summary>
    public static string Query(ReassessmentResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return string.Create(CultureInfo.InvariantCulture,
            $"examined={r.Examined}&changed={r.Changed}&reclassified={r.Reclassified}&deadlines={r.DeadlinesChanged}&kept={r.HandOverriddenKept}");
    }

    /// <summary>The sentence after a change: what was recomputed, in counts.</summary>
    public static string Describe(int examined, int changed, int reclassified, int deadlines, int kept, bool classification)
    {
        if (examined == 0 && kept == 0)
        {
            return classification
                ? "No open denial carries this code, so none was reclassified."
                : "No open denial uses this payer's rule, so no deadline moved.";
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Count(examined, "open denial")} recomputed: {changed.ToString(CultureInfo.InvariantCulture)} changed");
        if (classification)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({reclassified} reclassified, {Count(deadlines, "new deadline")})");
        }
        else
        {
            text += " (" + Count(deadlines, "new deadline") + ")";
        }

        text += ".";
        if (kept > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $" {Count(kept, "denial")} classified by hand by a specialist {(kept == 1 ? "was" : "were")} left as {(kept == 1 ? "it was" : "they were")}.");
        }

        return text;
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
