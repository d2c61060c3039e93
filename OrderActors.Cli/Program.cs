Console.Error.WriteLine("orderactors: no commands yet.");
return 2;
