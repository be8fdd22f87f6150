using MudBlazor;

namespace AppealStudio.Web.Components.Layout;

/// <summary>
/// The app's colours and type. Every colour that carries text is dark enough for white text and readable as text on
/// white (WCAG AA 4.5:1) in the light palette, and light enough on the dark one; MudBlazor's defaults (orange
/// warnings, grey secondary text) fail that in places, which the accessibility check in the browser tests catches.
/// </summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a4f8b",
            Secondary = "#5b3f8c",
            Tertiary = "#00695c",
            Info = "#0b5e91",
            Success = "#2e6b30",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Dark = "#2b2f36",
            AppbarBackground = "#1a4f8b",
            AppbarText = "#ffffff",
            TextPrimary = "#1d1f23",
            TextSecondary = "#51565e",
            ActionDefault = "#51565e",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d1f23",
            DrawerIcon = "#3d434b",
            Background = "#f5f6f8",
            TableHover = "#eef3fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab8f0",
            PrimaryContrastText = "#0c1a2b",
            Secondary = "#c9b3f2",
            SecondaryContrastText = "#1e1330",
            Tertiary = "#6fd3c2",
            Info = "#7cc8f5",
            InfoContrastText = "#061a26",
            Success = "#8fd694",
            SuccessContrastText = "#0b200c",
            Warning = "#ffc266",
            WarningContrastText = "#2b1700",
            Error = "#ffaaa3",
            ErrorContrastText = "#2d0705",
            AppbarBackground = "#1b2330",
            AppbarText = "#f1f3f6",
            Background = "#14171c",
            Surface = "#1d2127",
            DrawerBackground = "#1d2127",
            TextPrimary = "#eceef1",
            TextSecondary = "#b9bec6",
            ActionDefault = "#b9bec6",
            DrawerText = "#eceef1",
            DrawerIcon = "#c7ccd3",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Helvetica", "Arial", "sans-serif"] },
            // Sentence-case buttons read faster than MudBlazor's upper-case default.
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };
}
