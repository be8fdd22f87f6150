using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace AppealStudio.Web.Features.Imports;

public static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ImportOptions.From(configuration);
        services.AddSingleton(options);
        // Remittances and chart documents now stream over the circuit (InputFile), which these limits do not touch.
        // They stay for the multipart forms that still post over HTTP (appeal attachments) until those move too.
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = options.MaxUploadBytes + (1 << 20));
        return services;
    }
}

/// <summary>
/// Imports:MaxUploadMegabytes (default 100): the largest 835 file the Imports page takes. Larger files import with
/// the command line (<see cref="CliCommand"/>), which reads from disk without any upload.
/// </summary>
public sealed record ImportOptions(int MaxUploadMegabytes)
{
    public const string CliCommand = "appealstudio remit import FILE";

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public static ImportOptions From(IConfiguration configuration)
    {
        var mb = configuration.GetValue("Imports:MaxUploadMegabytes", 100);
        return mb is < 1 or > 4096
            ? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Imports:MaxUploadMegabytes is {mb}; use a size from 1 to 4096 MB."))
            : new ImportOptions(mb);
    }
}
