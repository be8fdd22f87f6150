namespace AppealStudio.Web.Features.Settings;

/// <summary>The breadcrumb trails of the settings pages.</summary>
public static class SettingsCrumbs
{
    public static readonly IReadOnlyList<(string Text, string Href)> Root = [("Settings", "/settings")];

    public static readonly IReadOnlyList<(string Text, string Href)> Users = [("Settings", "/settings"), ("Users and roles", "/settings/users")];

    public static readonly IReadOnlyList<(string Text, string Href)> Templates = [("Settings", "/settings"), ("Letter templates", "/settings/templates")];
}
