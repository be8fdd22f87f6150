using AppealStudio.Data.Denials;

namespace AppealStudio.Web.Features.Denials;

public static class DenialServices
{
    public static IServiceCollection AddDenials(this IServiceCollection services)
    {
        services.AddScoped<DenialWorkflow>();
        services.AddScoped<DenialDetailsService>();
        // Beside the workflow it reads through (the assignment dialog's choices).
        services.AddScoped<AppealStudio.Data.Assignment.DenialAssignmentView>();
        return services;
    }
}
