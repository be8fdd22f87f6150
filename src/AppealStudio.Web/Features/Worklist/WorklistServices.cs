using AppealStudio.Data.Worklist;

namespace AppealStudio.Web.Features.Worklist;

public static class WorklistServices
{
    public static IServiceCollection AddWorklist(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorklistOptions>(configuration.GetSection("Worklist"));
        services.AddScoped<WorklistService>();
        services.AddScoped<WorklistBulk>();
        return services;
    }
}
