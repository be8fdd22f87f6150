namespace AppealStudio.Data.Reports;

/// <summary>Service-level thresholds of the inventory report (configuration section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>A soft denial still New after this many business days (Monday to Friday) since import breaches.</summary>
    public int SoftSlaBusinessDays { get; set; } = 5;

    /// <summary>A hard denial to appeal not yet submitted this many calendar days after import breaches.</summary>
    public int HardSlaDays { get; set; } = 30;

    /// <summary>
    /// Read closed months from the monthly rollups (ADR 16). Off: every figure from the raw tables (same results,
    /// slower on long ranges); the tests compare the two.
    /// </summary>
    public bool UseRollups { get; set; } = true;

    /// <summary>How long a report waits for the lock to rebuild a stale month before reading raw rows instead.</summary>
    public int RollupLockTimeoutSeconds { get; set; } = 2;
}
