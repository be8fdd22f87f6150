using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;

namespace AppealStudio.Web.Features.Imports;

/// <summary>Where one chosen file is on its way in.</summary>
public enum UploadState
{
    /// <summary>Chosen, waiting for the Import click.</summary>
    Ready,

    /// <summary>Above the upload limit: refused before any byte was sent.</summary>
    Refused,

    /// <summary>In the queue of this import run, after the files before it.</summary>
    Waiting,

    /// <summary>Bytes are arriving from the browser.</summary>
    Receiving,

    /// <summary>The server is reading and storing the file.</summary>
    Importing,

    Done,

    Failed,

    /// <summary>Stopped by the user, or the connection dropped, before the file was all here: nothing was saved.</summary>
    Stopped,
}

/// <summary>One file of an upload as the page shows it: its state, its progress and, at the end, its result.</summary>
public sealed class UploadItem(IBrowserFile file)
{
    public IBrowserFile File { get; } = file;

    public string Name => File.Name;

    public long Size => File.Size;

    public UploadState State { get; set; } = UploadState.Ready;

    /// <summary>0-100 for the progress bar of the current step.</summary>
    public double Percent { get; set; }

    /// <summary>What is happening now, in words ("Receiving 4.2 MB of 12.0 MB").</summary>
    public string? Status { get; set; }

    /// <summary>Why the file was refused, failed or stopped.</summary>
    public string? Message { get; set; }

    /// <summary>What the import made of the file, in words.</summary>
    public string? Outcome { get; set; }

    /// <summary>Where to see the result (an import's summary, a chart document).</summary>
    public string? ResultHref { get; set; }

    public bool IsActive => State is UploadState.Receiving or UploadState.Importing;

    public bool IsFinished => State is UploadState.Done or UploadState.Failed or UploadState.Refused or UploadState.Stopped;

    /// <summary>"830 KB", "12.4 MB": file sizes as people read them (1 MB = 1,048,576 bytes, as the limits count).</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => Core.Display.Count((int)bytes, "byte"),
        < 1024 * 1024 => (bytes / 1024d).ToString("#,0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024d * 1024d)).ToString("#,0.0", CultureInfo.InvariantCulture) + " MB",
    };
}
