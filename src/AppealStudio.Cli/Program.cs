namespace AppealStudio.Cli;

// An explicit entry point: a top-level `Program` here would collide with the web app's in the test project.
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.In, Console.Out, Console.Error);
}
