using System.Security.Claims;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AppealStudio.Web.Tests.Components;

/// <summary>
/// bunit on the real app: components render in bunit's renderer, but every operation they run goes through
/// <see cref="Operations"/> into a scope of the real app (its services, its SQLite or PostgreSQL database, its audit
/// trail), as the signed-in user the test chose. So a render test asserts on markup and on the data the service wrote.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext authorization;

    protected ComponentTest(TestDatabase database = TestDatabase.Sqlite)
    {
        App = AppFactory.For(database);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(App.Services.GetRequiredService<IConfiguration>());
        Services.AddScoped<CircuitClient>();
        Services.AddSingleton(App.Services.GetRequiredService<SearchTerms>());
        Services.AddScoped(sp => new Operations(App.Services.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<AuthenticationStateProvider>(), sp.GetRequiredService<CircuitClient>()));
        authorization = AddAuthorization();
    }

    protected AppFactory App { get; }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>Signs the test in as a seeded user: their id, email and roles, as the cookie would carry them.</summary>
    protected string SignIn(string email)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = users.FindByEmailAsync(email).GetAwaiter().GetResult() ?? throw new InvalidOperationException(email + " is not a user");
        var roles = users.GetRolesAsync(user).GetAwaiter().GetResult();
        authorization.SetAuthorized(user.UserName ?? email);
        authorization.SetRoles([.. roles]);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName ?? email));
        authorization.SetPolicies([.. Policies.RolesByPolicy.Where(p => p.Value.Any(roles.Contains)).Select(p => p.Key)]);
        return user.Id;
    }

    protected void SignOut() => authorization.SetNotAuthorized();

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> under MudBlazor's popover, dialog and snackbar providers, as the
    /// layout does, so selects, menus, dialogs and snackbars open in the test too. Query the returned markup.
    /// </summary>
    protected IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderInApp<TComponent>(IReadOnlyDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                builder.AddComponentParameter(4, name, value);
            }

            builder.CloseComponent();
        });
        return host;
    }

    /// <summary>Points the fake browser at a URL first, so [SupplyParameterFromQuery] sees its query.</summary>
    protected void At(string url) => Navigation.NavigateTo(url);

    /// <summary>
    /// Retries an assertion that reads the database until it passes or the time is up. bunit's WaitForAssertion takes
    /// an Action, so an async lambda there becomes async void: its failure escapes the test and takes the host down.
    /// </summary>
    protected static async Task EventuallyAsync(Func<Task> assertion, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
