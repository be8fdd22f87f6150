using AppealStudio.Data.Notifications;
using AppealStudio.Web.Components.Layout;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Notifications;

/// <summary>The app bar's bell: the unread count, the list with links to the denials, mark read and mark all read.</summary>
public class NotificationBellTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<long> AddAsync(string userId, string text, string link, bool read = false) =>
        await App.WithDbAsync(async db =>
        {
            var n = new Notification
            {
                UserId = userId, CreatedAt = DateTimeOffset.UtcNow, Kind = "deadline", Text = text, Link = link,
                DedupKey = Guid.NewGuid().ToString("N"), ReadAt = read ? DateTimeOffset.UtcNow : null,
            };
            db.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });

    private Task ClearAsync(string userId) =>
        App.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == userId).ExecuteDeleteAsync());

    private static void OpenMenu(IRenderedComponent<Bunit.Rendering.ContainerFragment> page)
    {
        // The activator is the menu's focusable control: the keyboard opens it as a click does.
        page.Find("[data-testid=notification-bell] .mud-menu-activator").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", Code = "Enter" });
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=notification]").Count > 0 || page.FindAll("[data-testid=notifications-empty]").Count > 0), Wait);
    }

    [Fact]
    public async Task Bell_UnreadNotifications_ShowsTheCount_AndAClickMarksItReadAndOpensTheDenial()
    {
        var me = SignIn(Specialist);
        await ClearAsync(me);
        var first = await AddAsync(me, "Deadline in 3 days: Rivera, Ana", "/denials/41");
        await AddAsync(me, "Follow-up due: Quenneville", "/denials/42");
        await AddAsync(me, "An older one", "/denials/40", read: true);
        var page = RenderInApp<NotificationBell>();

        page.WaitForAssertion(() => Assert.Contains("2", page.Find("[data-testid=notification-count]").TextContent, StringComparison.Ordinal), Wait);
        OpenMenu(page);

        var items = page.FindAll("[data-testid=notification]");
        Assert.Equal(3, items.Count);
        Assert.Equal(2, items.Count(i => i.GetAttribute("data-read") == "false"));
        items.First(i => i.TextContent.Contains("Rivera", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.EndsWith("/denials/41", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.NotNull(await App.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == first).Select(n => n.ReadAt).SingleAsync()));
        // The navigation refreshed the count.
        page.WaitForAssertion(() => Assert.Contains("1", page.Find("[data-testid=notification-count]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Bell_MarkAllRead_MarksEveryOneRead_AndTheButtonHasNothingLeftToDo()
    {
        var me = SignIn(Specialist);
        await ClearAsync(me);
        await AddAsync(me, "Deadline in 3 days", "/denials/41");
        await AddAsync(me, "Deadline in 5 days", "/denials/43");
        var page = RenderInApp<NotificationBell>();
        OpenMenu(page);

        page.Find("[data-testid=notifications-read-all]").Click();

        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=notification]"), i => Assert.Equal("true", i.GetAttribute("data-read"))), Wait);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == me && n.ReadAt == null)));
        // Nothing left to mark: a second click has nothing to do.
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=notifications-read-all]").HasAttribute("disabled")), Wait);
    }

    [Fact]
    public async Task Service_SomeoneElsesNotification_CannotBeMarkedReadOrSeen()
    {
        var other = SignIn("manager@demo.local");
        var theirs = await AddAsync(other, "Escalation for the manager", "/worklist?view=sla");

        var marked = await ActingAs.RunAsync<NotificationService, bool>(App, Specialist, s => s.MarkReadAsync(theirs));
        var mine = await ActingAs.RunAsync<NotificationService, IReadOnlyList<NotificationItem>>(App, Specialist, s => s.ListAsync(includeRead: true));

        Assert.False(marked);
        Assert.DoesNotContain(mine, n => n.Id == theirs);
        Assert.Null(await App.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == theirs).Select(n => n.ReadAt).SingleAsync()));
    }
}
