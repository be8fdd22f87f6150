using AppealStudio.Data.Denials;

namespace AppealStudio.Data.Appeals;

/// <summary>The appeal level and decision codes in the words a user reads.</summary>
public static class AppealLabels
{
    public static string LevelLabel(string? level) => level switch
    {
        "reopening" => "Reopening",
        "first-level" => "First-level appeal / reconsideration",
        "second-level" => "Second-level appeal",
        "external-review" => "External review",
        "council-review" => "Appeals Council review",
        "judicial-review" => "Judicial review",
        _ => level ?? "",
    };

    public static string DecisionLabel(string? decision) => decision switch
    {
        AppealDecisions.Overturned => "Overturned",
        AppealDecisions.PartiallyOverturned => "Partially overturned",
        AppealDecisions.Upheld => "Upheld",
        AppealDecisions.NoResponse => "No response",
        _ => decision ?? "",
    };
}
