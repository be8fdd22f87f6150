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
    string? Title)
{
    // Chart exports put the demographics in the first lines; further down, "Date:" or "Provider:" usually belongs
    // to something else (a prior surgery, a referral), so only the head of the note is read.
    private const int HeaderLineLimit = 30;

    public static NoteHeader Empty { get; } = new(null, null, null, null, null, null, null);

    public static NoteHeader Parse(string text)
    {
        string? patient = null, member = null, author = null, type = null, title = null;
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
                        member ??= FirstToken(value);
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
                        author ??= value;
                        break;
                    case Field.DocumentType:
                        type ??= value;
                        break;
                    case Field.None:
                        break;
                }
            }
        }

        return new NoteHeader(patient, member, dob, dos ?? fallbackDate, author, type, title);
    }

    private static string FirstToken(string value)
    {
        var space = value.IndexOfAny([' ', '\t']);
        return space < 0 ? value : value[..space];
    }

    private static Field Classify(string key)
    {
        if (key.StartsWith("PATIENT", StringComparison.Ordinal) || key == "NAME")
        {
            return Field.Patient;
        }

        if (key.Contains("MEMBER", StringComparison.Ordinal) || key.Contains("SUBSCRIBER", StringComparison.Ordinal) || key.Contains("INSURANCE ID", StringComparison.Ordinal))
        {
            return Field.Member;
        }

        if (key.StartsWith("D", StringComparison.Ordinal) && (key.Contains("BIRTH", StringComparison.Ordinal) || key.Replace(".", string.Empty, StringComparison.Ordinal) == "DOB"))
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
    }

    [GeneratedRegex(@"^#{1,3}\s+(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    // Order matters inside the alternation: longer labels first so "Patient name" wins over "Patient".
    [GeneratedRegex(
        @"(?<![A-Za-z])(?<key>Patient\s+name|Patient|(?<![A-Za-z] ?)Name|Referring\s+(?:physician|provider)|Primary\s+care\s+(?:physician|provider)|PCP|Member\s+ID|Member\s*#|Member\s+number|Subscriber\s+ID|Insurance\s+ID|Date\s+of\s+birth|D\.?O\.?B\.?|Date\s+of\s+service|Dates?\s+of\s+services?|DOS|Service\s+date|Date\s+of\s+surgery|Date\s+of\s+procedure|Procedure\s+date|Surgery\s+date|Visit\s+date|Encounter\s+date|Session\s+date|Date|Electronically\s+signed\s+by|Signed\s+by|Author|Attending|Provider|Physician|Surgeon|Anesthesiologist|Therapist|Clinician|Note\s+type|Document\s+type|Visit\s+type|MRN|Age|Sex|Gender|Group|Account|Acct|Location|Room|Time)\s*:\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeaderKey();
}
