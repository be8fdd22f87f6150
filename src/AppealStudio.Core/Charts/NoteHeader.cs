using System.Text.RegularExpressions;

namespace AppealStudio.Core.Charts;

/// <summary>What the labelled lines at the top of a note say ("Patient: ...", "DOB: ...").</summary>
internal sealed partial record NoteHeader(
    string? PatientName,
    string? MemberId,
    DateOnly? DateOfBirth,
    DateOnly? ServiceDate,
    string? Author,
    string? DocumentType,
    string? Title,
    string? AccountNumber = null)
{
    // Chart exports put the demographics in the first lines; further down, "Date:" or "Provider:" usually belongs
    // to something else (a prior surgery, a referral), so only the head of the note is read.
    private const int HeaderLineLimit = 30;

    public static NoteHeader Empty { get; } = new(null, null, null, null, null, null, null);

    public static NoteHeader Parse(string text)
    {
        string? patient = null, member = null, author = null, type = null, title = null, account = null;
        DateOnly? dob = null, dos = null, fallbackDate = null;
        var lines = text.Split('\n');
        var limit = Math.Min(lines.Length, HeaderLineLimit);
        for (var i = 0; i < limit; i++)
        {
            // Markdown notes write "**Patient:** Jane Doe"; the emphasis markers are not part of the value.
            var line = lines[i].Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (title is null)
            {
                var heading = MarkdownHeading().Match(line);
                if (heading.Success)
                {
                    title = heading.Groups[1].Value.Trim();
                    continue;
                }
            }

            // "Seen today by Dana Reyes, MD" carries no colon.
            if (author is null && SeenBy().Match(line) is { Success: true } seen)
            {
                author = CleanAuthor(seen.Groups["name"].Value);
            }

            var keys = HeaderKey().Matches(line);
            for (var k = 0; k < keys.Count; k++)
            {
                var valueStart = keys[k].Index + keys[k].Length;
                var valueEnd = k + 1 < keys.Count ? keys[k + 1].Index : line.Length;
                var value = line[valueStart..valueEnd].Trim().Trim('|', ';', ',').Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                var key = keys[k].Groups["key"].Value.ToUpperInvariant();
                switch (Classify(key))
                {
                    case Field.Patient:
                        patient ??= value;
                        break;
                    case Field.Member:
                        member ??= FirstToken(value).TrimStart('#');
                        break;
                    case Field.BirthDate:
                        dob ??= ChartDates.FindFirst(value);
                        break;
                    case Field.ServiceDate:
                        dos ??= ChartDates.FindFirst(value);
                        break;
                    case Field.GenericDate:
                        fallbackDate ??= ChartDates.FindFirst(value);
                        break;
                    case Field.Author:
                        author ??= CleanAuthor(value);
                        break;
                    case Field.Account:
                        account ??= FirstToken(value).TrimStart('#');
                        break;
                    case Field.DocumentType:
                        type ??= value;
                        break;
                    case Field.None:
                        break;
                }
            }
        }

        // The signature line closes the note, far below the header: "Electronically signed by Dana Reyes, MD on ...".
        if (author is null && SignedBy().Matches(text).LastOrDefault() is { } signed)
        {
            author = CleanAuthor(signed.Groups["name"].Value);
        }

        return new NoteHeader(patient is null ? null : CleanName(patient), member, dob, dos ?? fallbackDate, author, type, title, account);
    }

    /// <summary>"Dana Reyes, MD on 10/15/2026 15:20." → "Dana Reyes, MD"; "Dr. Dana Reyes" keeps the name only.</summary>
    internal static string? CleanAuthor(string value)
    {
        var text = AuthorTail().Replace(value, string.Empty).Trim().TrimEnd('.', ',', ';').Trim();
        text = Honorific().Replace(text, string.Empty).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string CleanName(string value)
    {
        var text = Honorific().Replace(value, string.Empty).Trim().TrimEnd('.', ',', ';').Trim();
        return text.Length == 0 ? value.Trim() : text;
    }

    private static string FirstToken(string value)
    {
        var space = value.IndexOfAny([' ', '\t']);
        return space < 0 ? value : value[..space];
    }

    private static Field Classify(string key)
    {
        var compact = WhiteSpace().Replace(key, " ");
        if (compact.Contains("ACCOUNT", StringComparison.Ordinal) || compact.StartsWith("ACCT", StringComparison.Ordinal))
        {
            return compact is "ACCOUNT" or "ACCT" || compact.Contains('#', StringComparison.Ordinal) || compact.Contains("NUMBER", StringComparison.Ordinal) || compact.Contains("NO", StringComparison.Ordinal)
                ? Field.Account
                : Field.None;
        }

        if (compact.StartsWith("PATIENT", StringComparison.Ordinal) || compact.StartsWith("CLIENT", StringComparison.Ordinal) || compact.StartsWith("PT", StringComparison.Ordinal) || compact == "NAME")
        {
            return Field.Patient;
        }

        if (compact.Contains("MEMBER", StringComparison.Ordinal) || compact.Contains("SUBSCRIBER", StringComparison.Ordinal) || compact.Contains("INSURANCE ID", StringComparison.Ordinal)
            || compact.StartsWith("INS", StringComparison.Ordinal) || compact.StartsWith("POLICY", StringComparison.Ordinal))
        {
            return Field.Member;
        }

        if (compact.Contains("BIRTH", StringComparison.Ordinal) || compact.Replace(".", string.Empty, StringComparison.Ordinal) == "DOB" || compact == "BORN")
        {
            return Field.BirthDate;
        }

        if (key == "DATE")
        {
            return Field.GenericDate;
        }

        if (key.Contains("DATE", StringComparison.Ordinal) || key == "DOS")
        {
            return Field.ServiceDate;
        }

        if (key.Contains("TYPE", StringComparison.Ordinal))
        {
            return Field.DocumentType;
        }

        // Labels recognised only so that their values do not run into the previous field ("Jane Doe  MRN: 123").
        return key.StartsWith("REFERRING", StringComparison.Ordinal) || key.StartsWith("PRIMARY", StringComparison.Ordinal) || key is "PCP" or "MRN" or "AGE" or "SEX" or "GENDER" or "GROUP" or "ACCOUNT" or "ACCT" or "LOCATION" or "ROOM" or "TIME"
            ? Field.None
            : Field.Author;
    }

    private enum Field
    {
        None,
        Patient,
        Member,
        BirthDate,
        ServiceDate,
        GenericDate,
        Author,
        DocumentType,
        Account,
    }

    [GeneratedRegex(@"^#{1,3}\s+(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    // Order matters inside the alternation: longer labels first so "Patient name" wins over "Patient".
    [GeneratedRegex(
        @"(?<![A-Za-z])(?<key>Patient\s+name|Patient\s+account(?:\s+(?:number|no\.?|#))?|Patient|Client\s+name|Client|Pt\.?\s+name|Pt\.?|(?<![A-Za-z] ?)Name|Referring\s+(?:physician|provider)|Primary\s+care\s+(?:physician|provider)|PCP|Member\s+ID|Member\s*#|Member\s+(?:number|no\.?)|Subscriber\s+ID|Subscriber\s*#|Subscriber\s+(?:number|no\.?)|Insurance\s+ID|Ins\.?\s+ID|Ins\.?\s*#|Policy\s+(?:ID|#|number|no\.?)|Date\s+of\s+birth|Birth\s*date|D\.?O\.?B\.?|Born|Date\s+of\s+service|Dates?\s+of\s+services?|DOS|Service\s+date|Date\s+of\s+surgery|Date\s+of\s+procedure|Procedure\s+date|Surgery\s+date|Visit\s+date|Encounter\s+date|Session\s+date|Date|Electronically\s+signed\s+by|Signed\s+by|Author|Attending(?:\s+(?:physician|provider))?|Rendering\s+provider|Treating\s+provider|Provider|Physician|Surgeon|Anesthesiologist|Therapist|Clinician|Note\s+type|Document\s+type|Visit\s+type|MRN|Account\s+(?:number|no\.?|#)|Account|Acct\.?\s*(?:#|number|no\.?)?|Age|Sex|Gender|Group|Location|Room|Time)\s*:\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeaderKey();

    [GeneratedRegex(@"^\s*Seen(?:\s+(?:today|in\s+clinic|in\s+the\s+office|on\s+[^\n]{1,20}?))?\s+by\s+(?<name>[^\n;]{3,80})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SeenBy();

    [GeneratedRegex(@"\b(?:electronically\s+)?signed\s+by\s*:?\s*(?<name>[^\n]{3,80})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SignedBy();

    // What follows the name on a signature line: " on 10/15/2026 15:20", " at 3:20 PM", ", 10/15/2026".
    [GeneratedRegex(@"(?:\s+(?:on|at)\s+|,?\s+)(?:\d{1,2}[/:.-]|\d{4}-|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d).*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AuthorTail();

    [GeneratedRegex(@"^(?:Dr\.?|Doctor)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Honorific();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
