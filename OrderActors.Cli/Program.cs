using OrderActors.Cli;

return await CliApp.RunAsync(args);
