using AppealStudio.Core;
using AppealStudio.Core.Denials;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// The rules every appeal use case shares: the kinds of revision, the letter's size limit, the submission vocabularies,
/// and which states allow the text and the packet to change (with the words that say why not).
/// </summary>
public static class AppealRules
{
    public const int MaxLetterLength = 200_000;

    public const string KindDraft = "draft";
    public const string KindAutosave = "autosave";
    public const string KindTemplate = "template";
    public const string KindSigned = "signed";

    public static readonly IReadOnlyList<string> Methods = ["portal", "fax", "mail", "email"];

    public static readonly IReadOnlyList<string> Levels = VocabularyCodes.Codes<AppealLevel>();

    /// <summary>The text can be edited only while it is a draft (or came back from the physician).</summary>
    public static bool IsEditable(AppealStatus status) => status is AppealStatus.Draft or AppealStatus.Returned;

    public static bool IsSigned(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return appeal.SignatureSha256 is not null && appeal.SignedMarkdown is not null;
    }

    /// <summary>The sentences the signing physician attested as their own clinical statements.</summary>
    public static IReadOnlyList<string> AttestedOf(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return string.IsNullOrWhiteSpace(appeal.AttestedStatements)
            ? []
            : appeal.AttestedStatements.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Why the packet's attachments cannot change now, or null: once the letter is with the physician or signed, its
    /// enclosure list is part of what is signed, so the packet must hold exactly what it lists.
    /// </summary>
    public static string? LockedPacket(AppealStatus status) => status switch
    {
        AppealStatus.Submitted or AppealStatus.Decided => "The appeal was submitted; its packet can no longer change.",
        AppealStatus.AwaitingSignOff => "The letter is with the physician and lists its enclosures; withdraw the sign-off request to change the attachments.",
        AppealStatus.Signed => "The signed letter lists its enclosures; void the signature to change the attachments.",
        AppealStatus.Draft or AppealStatus.Returned => null,
    };

    public static string LockedMessage(AppealStatus status) => status switch
    {
        AppealStatus.AwaitingSignOff => "The letter is waiting for the physician's sign-off; withdraw the request to edit it.",
        AppealStatus.Signed => "The letter is signed; use \"Edit (voids signature)\" to change it.",
        AppealStatus.Submitted => "The letter was submitted and can no longer change.",
        AppealStatus.Decided => "The appeal is decided and can no longer change.",
        AppealStatus.Draft or AppealStatus.Returned => "The letter can be edited.",
    };
}
