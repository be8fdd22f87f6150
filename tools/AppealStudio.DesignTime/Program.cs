// Entry point required for a start-up project; `dotnet ef` only uses DesignTimeFactory.
System.Console.WriteLine("AppealStudio design-time host: use scripts/add-migration.sh.");
