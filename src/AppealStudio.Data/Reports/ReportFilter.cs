using System.Linq.Expressions;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>
/// What every report is narrowed by: the remittance-date range (the day the payer's 835 denied it), the payer, the
/// rendering provider's NPI and the specialty (<see cref="Specialties"/>). Null means "all".
/// </summary>
public sealed record ReportFilter(DateOnly From, DateOnly To, string? Payer = null, string? ProviderNpi = null, Specialty? Specialty = null)
{
    public const int DefaultDays = 90;

    /// <summary>The last 90 days up to and including <paramref name="today"/>.</summary>
    public static ReportFilter Default(DateOnly today) => new(today.AddDays(-(DefaultDays - 1)), today);

    /// <summary>The same filter over one part of its range (a report reads the days around the rolled-up months raw).</summary>
    public ReportFilter With(Rollups.DayRange range) => this with { From = range.From, To = range.To };

    /// <summary>Denials whose remittance date is in the range and that match the payer, provider and specialty.</summary>
    public IQueryable<Denial> Apply(IQueryable<Denial> denials)
    {
        ArgumentNullException.ThrowIfNull(denials);
        var from = From;
        var to = To;
        return ApplyDimensions(denials.Where(d => d.RemittanceDate >= from && d.RemittanceDate <= to));
    }

    /// <summary>The payer, provider and specialty conditions without the date range (the inventory is today's work).</summary>
    public IQueryable<Denial> ApplyDimensions(IQueryable<Denial> denials)
    {
        ArgumentNullException.ThrowIfNull(denials);
        if (Payer is { } payer)
        {
            denials = denials.Where(d => d.PayerName == payer);
        }

        if (ProviderNpi is { } npi)
        {
            denials = denials.Where(d => d.RenderingProviderNpi == npi);
        }

        if (Specialty is { } specialty)
        {
            denials = denials.Where(SpecialtyPredicate(specialty));
        }

        return denials;
    }

    /// <summary>Claims paid or denied (adjudicated) in the range by 835 payment date, reversals excluded.</summary>
    public IQueryable<Claim> ApplyToClaims(IQueryable<Claim> claims, IQueryable<ServiceLineRow> lines)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(lines);
        var from = From;
        var to = To;
        claims = claims.Where(c => !c.IsReversal && c.Payment.PaymentDate >= from && c.Payment.PaymentDate <= to);
        if (Payer is { } payer)
        {
            claims = claims.Where(c => c.Payment.PayerName == payer);
        }

        if (ProviderNpi is { } npi)
        {
            claims = claims.Where(c => c.RenderingProviderNpi == npi);
        }

        if (Specialty is { } specialty)
        {
            // A claim has no scenario until a denial is classified: its specialty comes from its service lines.
            var inNamed = CodeInRanges<ServiceLineRow>(l => l.ProcedureCode, Specialties.ProcedureRanges);
            var inThis = CodeInRanges<ServiceLineRow>(l => l.ProcedureCode, Specialties.ProcedureRanges.Where(r => r.Specialty == specialty));
            claims = specialty == Core.Analytics.Specialty.Other
                ? claims.Where(c => !lines.Where(inNamed).Any(l => l.ClaimId == c.Id))
                : claims.Where(c => lines.Where(inThis).Any(l => l.ClaimId == c.Id));
        }

        return claims;
    }

    /// <summary>
    /// The SQL form of <see cref="Specialties.Classify"/>: the procedure code's range first, then the scenario.
    /// </summary>
    public static Expression<Func<Denial, bool>> SpecialtyPredicate(Specialty specialty)
    {
        var inNamedRange = CodeInRanges<Denial>(d => d.ProcedureCode, Specialties.ProcedureRanges);
        var namedScenarios = Specialties.ByScenario.Keys.ToList();
        if (specialty == Core.Analytics.Specialty.Other)
        {
            Expression<Func<Denial, bool>> noScenario = d => d.Scenario == null || !namedScenarios.Contains(d.Scenario);
            return And(Not(inNamedRange), noScenario);
        }

        var inThisRange = CodeInRanges<Denial>(d => d.ProcedureCode, Specialties.ProcedureRanges.Where(r => r.Specialty == specialty));
        var scenarios = Specialties.ByScenario.Where(s => s.Value == specialty).Select(s => s.Key).ToList();
        Expression<Func<Denial, bool>> byScenario = d => d.Scenario != null && scenarios.Contains(d.Scenario);
        return Or(inThisRange, And(Not(inNamedRange), byScenario));
    }

    /// <summary>
    /// The specialty of a denial as one SQL CASE over the same predicates as <see cref="SpecialtyPredicate"/> (they
    /// are mutually exclusive and cover every row), so a rollup grouped by it matches the filter exactly.
    /// </summary>
    public static Expression<Func<Denial, Specialty>> SpecialtyOf()
    {
        var p = Expression.Parameter(typeof(Denial), "d");
        Expression body = Expression.Constant(Core.Analytics.Specialty.Other);
        foreach (var specialty in Enum.GetValues<Specialty>().Where(s => s != Core.Analytics.Specialty.Other).Reverse())
        {
            body = Expression.Condition(Rebind(SpecialtyPredicate(specialty), p), Expression.Constant(specialty), body);
        }

        return Expression.Lambda<Func<Denial, Specialty>>(body, p);
    }

    /// <summary>Service lines whose procedure code lies in the ranges of <paramref name="specialty"/> (not Other).</summary>
    public static Expression<Func<ServiceLineRow, bool>> LineIn(Specialty specialty) =>
        CodeInRanges<ServiceLineRow>(l => l.ProcedureCode, Specialties.ProcedureRanges.Where(r => r.Specialty == specialty));

    // The code is five characters, is not a Category II/III, PLA or MAAA code, and lies in one of the ranges: LIKE
    // patterns and text comparisons, which translate to plain SQL on SQLite and PostgreSQL and which PostgreSQL's
    // planner estimates well (length() = 5 is guessed at 0.5 % and turned a hash join into 600,000 index probes).
    // Specialties.IsNumericCpt is the in-memory twin.
    private static Expression<Func<T, bool>> CodeInRanges<T>(Expression<Func<T, string?>> code, IEnumerable<ProcedureRange> ranges)
    {
        var p = code.Parameters[0];
        var body = code.Body;
        Expression? any = null;
        foreach (var range in ranges)
        {
            var test = Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(body, CompareTo, Expression.Constant(range.Low)), Expression.Constant(0)),
                Expression.LessThanOrEqual(Expression.Call(body, CompareTo, Expression.Constant(range.High)), Expression.Constant(0)));
            any = any is null ? test : Expression.OrElse(any, test);
        }

        if (any is null)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(false), p);
        }

        Expression shape = Expression.AndAlso(
            Expression.NotEqual(body, Expression.Constant(null, typeof(string))),
            Like(body, "_____"));
        foreach (var suffix in Specialties.NonCategoryOneSuffixes)
        {
            shape = Expression.AndAlso(shape, Expression.Not(Like(body, "%" + suffix)));
        }

        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(shape, any), p);
    }

    private static MethodCallExpression Like(Expression text, string pattern) =>
        Expression.Call(LikeMethod, Expression.Constant(EF.Functions), text, Expression.Constant(pattern));

    private static readonly System.Reflection.MethodInfo CompareTo = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;

    private static readonly System.Reflection.MethodInfo LikeMethod =
        typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> e) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(e.Body), e.Parameters);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(a.Body, Rebind(b, a.Parameters[0])), a.Parameters);

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, Rebind(b, a.Parameters[0])), a.Parameters);

    private static Expression Rebind<T>(Expression<Func<T, bool>> e, ParameterExpression p) =>
        new ParameterSwap(e.Parameters[0], p).Visit(e.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
