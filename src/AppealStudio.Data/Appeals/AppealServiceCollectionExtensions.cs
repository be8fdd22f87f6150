using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Appeals;

public static class AppealServiceCollectionExtensions
{
    /// <summary>The appeal workspace's services: templates (files parsed once per process), evidence, the workflow use cases, export, batch drafting.</summary>
    public static IServiceCollection AddAppealWorkspace(this IServiceCollection services, TemplateOptions templateOptions, AppealOptions appealOptions)
    {
        services.AddSingleton(templateOptions);
        services.AddSingleton(appealOptions);
        services.AddSingleton<TemplateFiles>();
        services.AddScoped<TemplateStore>();
        services.AddScoped<AppealEvidence>();
        services.AddScoped<AppealLetters>();
        // The workspace's commands, one class per use case; each checks the role and the resource and writes its audit row.
        services.AddScoped<AppealQueries>();
        services.AddScoped<LetterStates>();
        services.AddScoped<AppealChanges>();
        services.AddScoped<StartAppeal>();
        services.AddScoped<SaveLetter>();
        services.AddScoped<ChooseExcerpts>();
        services.AddScoped<RefillEvidence>();
        services.AddScoped<RequestSignOff>();
        services.AddScoped<WithdrawSignOff>();
        services.AddScoped<VoidSignature>();
        services.AddScoped<RecordSubmission>();
        services.AddScoped<RecordDecision>();
        services.AddScoped<PacketAttachments>();
        services.AddScoped<AppealExport>();
        services.AddScoped<AppealWorkspace>();
        services.AddScoped<BatchDrafting>();
        // Who must complete the practice profile, for every role (the workspace and the start pages show it).
        services.AddScoped<Practice.PracticeSetupReader>();
        // The letter start behind the viability gate (issue 13): it needs the workflow registered here.
        services.AddScoped<Viability.AppealStart>();
        return services;
    }
}
