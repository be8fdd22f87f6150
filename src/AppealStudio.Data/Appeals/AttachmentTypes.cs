using System.Text;

namespace AppealStudio.Data.Appeals;

/// <summary>Which uploads the packet accepts, by name and by content.</summary>
public static class AttachmentTypes
{
    public const string Accept = ".pdf,.png,.jpg,.jpeg,.gif,.tif,.tiff,.txt";

    /// <summary>The content type, or null when the file is not a PDF, image or plain text (or its bytes disagree with its name).</summary>
    public static string? Detect(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension switch
        {
            ".pdf" when content.StartsWith("%PDF-"u8) => "application/pdf",
            ".png" when content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) => "image/png",
            ".jpg" or ".jpeg" when content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) => "image/jpeg",
            ".gif" when content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) => "image/gif",
            ".tif" or ".tiff" when content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8) => "image/tiff",
            ".txt" when IsText(content) => "text/plain; charset=utf-8",
            _ => null,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
