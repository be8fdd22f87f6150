using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Free-text searches can name a patient, so they never go into a URL (which proxies, browser history and request
/// logs keep; issue 16, ADR 0086). A page puts an opaque key in the URL instead (<c>?s=...</c>) and keeps the text
/// here, for that user only: Back, reload and the page's own links restore the search, while the same URL in another
/// user's hands (or after a restart) finds nothing and shows the list unsearched. Held in this process's memory, which
/// a circuit is pinned to anyway (sticky sessions); entries lapse after 12 hours unused.
/// </summary>
public sealed class SearchTerms : IDisposable
{
    public const int MaxLength = 200;

    private static readonly TimeSpan Unused = TimeSpan.FromHours(12);

    // Bounded: a user searching all day cannot grow it without limit (the oldest entries go first).
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    /// <summary>The key for this user's search text (the same text gets the same key, so Back lands on one URL).</summary>
    public string Save(string userId, string text)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(text);
        text = text.Length > MaxLength ? text[..MaxLength] : text;
        var byText = "t\n" + userId + "\n" + text;
        if (cache.TryGetValue(byText, out string? existing) && existing is not null && Find(userId, existing) == text)
        {
            return existing;
        }

        var key = Base64Url(RandomNumberGenerator.GetBytes(12));
        var options = new MemoryCacheEntryOptions { SlidingExpiration = Unused, Size = 1 };
        cache.Set("k\n" + userId + "\n" + key, text, options);
        cache.Set(byText, key, options);
        return key;
    }

    /// <summary>The text behind a key, if this user saved it and it has not lapsed; otherwise null.</summary>
    public string? Find(string userId, string key)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(key);
        return cache.TryGetValue("k\n" + userId + "\n" + key, out string? text) ? text : null;
    }

    public void Dispose() => cache.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
